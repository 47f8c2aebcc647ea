package dev.unikernel.tools.disk;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.Secret;
import dev.unikernel.luks.Luks;
import dev.unikernel.luks.LuksFormatOptions;
import dev.unikernel.runtime.unix.FileBlockDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The one place where an image path becomes the BlockDevice the FAT commands work on. Layers that
 * sit between the file and the file system (an encrypted LUKS2 container, say) are added here, with
 * their flags in {@link #FLAGS} and their options read from the {@link Arguments}.
 */
final class ImageDevices {

    /** Boolean flags every image command accepts. */
    static final Set<String> FLAGS = Set.of("--luks");

    private ImageDevices() {
    }

    /** Opens an existing image for the FAT layer. */
    static BlockDevice open(Path image, Arguments args, boolean readOnly) throws IOException {
        if (!args.flag("--luks")) {
            return FileBlockDevice.open(image, readOnly);
        }
        try (Secret passphrase = LuksOptions.passphrase(args, "--passphrase-file")) {
            return LuksOptions.open(image, readOnly, passphrase);
        } catch (UsageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Creates a new image of {@code bytes} bytes and opens it for the FAT layer. */
    static BlockDevice create(Path image, long bytes, int sectorSize, Arguments args) throws IOException {
        if (!args.flag("--luks")) {
            return FileBlockDevice.create(image, bytes, sectorSize);
        }
        // The LUKS2 header and keyslots take the first 16 MiB of the image; sectorSize becomes the encryption sector size.
        try (Secret passphrase = LuksOptions.passphrase(args, "--passphrase-file")) {
            LuksFormatOptions options = LuksFormatOptions.defaults().withKdf(LuksOptions.kdf(args)).withSectorSize(sectorSize);
            BlockDevice raw = FileBlockDevice.create(image, bytes, 512);
            try {
                return Luks.format(raw, passphrase, options);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        } catch (UsageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}

package dev.unikernel.tools.disk;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.Secret;
import dev.unikernel.luks.Luks;
import dev.unikernel.luks.LuksException;
import dev.unikernel.luks.LuksFormatOptions;
import dev.unikernel.luks.LuksKdf;
import dev.unikernel.luks.WrongPassphraseException;
import dev.unikernel.runtime.unix.FileBlockDevice;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The image options every FAT command shares, and the one place where an image path becomes the
 * BlockDevice the FAT layer works on: plain, or inside LUKS2 with {@code --luks}.
 */
final class ImageDevices {

    @Option(names = "--luks", description = "The image is a LUKS2 container holding the file system.")
    boolean luks;

    @Mixin
    KeyOptions key = new KeyOptions();

    /** Opens an existing image for the FAT layer. */
    BlockDevice open(Path image, boolean readOnly, Io io, String command) throws IOException, UsageException {
        check();
        if (!luks) {
            return openRaw(image, readOnly);
        }
        try (Secret passphrase = key.passphrase(image.toString(), io, command)) {
            return openLuks(image, readOnly, passphrase, key.keySlot);
        }
    }

    /** Creates a new image of {@code bytes} bytes and opens it for the FAT layer. */
    BlockDevice create(Path image, long bytes, int sectorSize, LuksKdf kdf, Io io, String command)
            throws IOException, UsageException {
        check();
        if (!luks) {
            return FileBlockDevice.create(image, bytes, sectorSize);
        }
        // The LUKS2 header and keyslots take the first 16 MiB of the image; sectorSize becomes the encryption sector size.
        try (Secret passphrase = KeyFiles.read(key.keyFile, "--key-file", "Enter passphrase for " + image, true, io, command)) {
            LuksFormatOptions options = LuksFormatOptions.defaults().withKdf(kdf).withSectorSize(sectorSize);
            BlockDevice raw = FileBlockDevice.create(image, bytes, 512);
            try {
                return Luks.format(raw, passphrase, options);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }
    }

    private void check() throws UsageException {
        if (!luks && (key.keyFile != null || key.keySlot != null)) {
            throw new UsageException("--key-file and --key-slot need --luks (the image is then a LUKS2 container)");
        }
    }

    /** The image file itself; a missing one is the wrong device (exit 4), not a missing path inside an image. */
    static FileBlockDevice openRaw(Path image, boolean readOnly) throws IOException {
        try {
            return FileBlockDevice.open(image, readOnly);
        } catch (NoSuchFileException e) {
            throw new WrongImageException(image + ": disk image does not exist", e);
        }
    }

    /** Opens the LUKS2 image with the passphrase; the image file is closed again when that fails. */
    static BlockDevice openLuks(Path image, boolean readOnly, Secret passphrase, Integer keySlot) throws IOException {
        FileBlockDevice raw = openRaw(image, readOnly);
        try {
            return keySlot == null ? Luks.open(raw, passphrase) : Luks.open(raw, passphrase, keySlot);
        } catch (WrongPassphraseException e) {
            raw.close();
            throw e;
        } catch (LuksException e) {
            raw.close();
            throw new WrongImageException(image + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}

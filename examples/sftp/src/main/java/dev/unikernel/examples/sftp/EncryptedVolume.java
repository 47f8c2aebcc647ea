package dev.unikernel.examples.sftp;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.ByteSize;
import dev.unikernel.api.Disk;
import dev.unikernel.api.Entropy;
import dev.unikernel.api.Secret;
import dev.unikernel.fat.Fat16;
import dev.unikernel.fat.FormatOptions;
import dev.unikernel.luks.Luks;
import dev.unikernel.luks.LuksDevice;
import dev.unikernel.luks.LuksFormatOptions;
import dev.unikernel.luks.LuksKdf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage stack: disk → LUKS2 → FAT16, opened (or created and formatted) as one unit and closed
 * in reverse order: the file system is flushed and marked clean, the volume key wiped, the disk closed.
 */
final class EncryptedVolume implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EncryptedVolume.class);

    /**
     * The disk must unlock on every target, also in a small VM: argon2id tuned for 2 s but with at
     * most 32 MiB of memory (a keyslot calibrated on a large host would otherwise ask for more heap
     * than a 256 MiB VM has). 32 MiB stays above OWASP's 19 MiB minimum for argon2id.
     */
    private static final LuksKdf PORTABLE_KDF = LuksKdf.argon2id(Duration.ofSeconds(2), 32 * 1024);

    private final String location;
    private final BlockDevice raw;
    private final LuksDevice decrypted;
    private final FileSystem fileSystem;

    private EncryptedVolume(String location, BlockDevice raw, LuksDevice decrypted, FileSystem fileSystem) {
        this.location = location;
        this.raw = raw;
        this.decrypted = decrypted;
        this.fileSystem = fileSystem;
    }

    /**
     * Opens the disk, or with {@code createSize} creates a missing one (or formats a blank one).
     * Errors name the disk and say what to change; none contains the passphrase.
     */
    static EncryptedVolume openOrCreate(Disk disk, Secret passphrase, java.util.Optional<ByteSize> createSize,
            boolean readOnly, Entropy entropy) throws IOException {
        String location = disk.location();
        if (!disk.exists()) {
            if (createSize.isEmpty()) {
                throw new IOException("disk " + location + " does not exist: give create-size (e.g. --create-size=256M)"
                        + " to create it");
            }
            LOG.info("creating disk {} of {}", location, createSize.get());
            return format(location, disk.create(createSize.get().bytes()), passphrase, entropy, readOnly);
        }
        BlockDevice raw = disk.open(readOnly);
        try {
            if (!Luks.isLuks(raw)) {
                if (createSize.isPresent() && !readOnly && isBlank(raw)) {
                    LOG.info("disk {} is blank: formatting it", location);
                    return format(location, raw, passphrase, entropy, false);
                }
                throw new IOException("disk " + location + " is not a LUKS2 volume"
                        + (createSize.isPresent() ? " and not blank, so it is not formatted" : ""));
            }
            LuksDevice decrypted = Luks.open(raw, passphrase);
            return mount(location, raw, decrypted, readOnly);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static EncryptedVolume format(String location, BlockDevice raw, Secret passphrase, Entropy entropy,
            boolean readOnly) throws IOException {
        try {
            long start = System.nanoTime();
            LuksDevice decrypted = Luks.format(raw, passphrase,
                    LuksFormatOptions.defaults().withKdf(PORTABLE_KDF).withRandom(entropy.secureRandom()));
            Fat16.format(decrypted, FormatOptions.defaults().withLabel("UNIKERNEL"));
            decrypted.flush();
            LOG.info("formatted {} as LUKS2 + FAT16 in {} ms", location, (System.nanoTime() - start) / 1_000_000);
            return mount(location, raw, decrypted, readOnly);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static EncryptedVolume mount(String location, BlockDevice raw, LuksDevice decrypted, boolean readOnly)
            throws IOException {
        try {
            FileSystem fileSystem = Fat16.mount(decrypted, readOnly);
            return new EncryptedVolume(location, raw, decrypted, fileSystem);
        } catch (IOException | RuntimeException e) {
            decrypted.close();
            throw new IOException("disk " + location + ": the encrypted volume holds no usable FAT16 file system: "
                    + e.getMessage(), e);
        }
    }

    /** True when the first 1 MiB is all zeros: a fresh image or virtio disk, never formatted. */
    private static boolean isBlank(BlockDevice device) throws IOException {
        long sectors = Math.min(device.sectorCount(), (1 << 20) / device.sectorSize());
        ByteBuffer buffer = ByteBuffer.allocate((int) sectors * device.sectorSize());
        device.read(0, buffer);
        for (byte b : buffer.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The volume's file system, shared by all sessions: give each session a {@link Fat16#sessionView}. */
    FileSystem fileSystem() {
        return fileSystem;
    }

    String location() {
        return location;
    }

    @Override
    public void close() throws IOException {
        try (raw; decrypted; fileSystem) {
            // try-with-resources closes the file system, then the LUKS layer, then the disk.
        }
    }
}

package dev.unikernel.luks;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

/**
 * LUKS2 on a {@link BlockDevice}, compatible with cryptsetup: {@link #format} a raw device,
 * {@link #open} it with a passphrase as a decrypted {@link LuksDevice}, {@link #dump} its header,
 * and tell whether a device {@link #isLuks is LUKS} at all.
 *
 * <p>The layout is cryptsetup's default: two 16 KiB metadata copies, a 16 MiB - 32 KiB keyslots
 * area, data from 16 MiB on, one {@code aes-xts-plain64} segment with a 512-bit volume key.
 *
 * <pre>{@code
 * try (LuksDevice disk = Luks.open(FileBlockDevice.open(path, false), passphrase)) {
 *     FileSystem fat = ...mount(disk);
 * }
 * }</pre>
 */
public final class Luks {

    private static final int VOLUME_KEY_BYTES = 64;
    private static final int WIPE_CHUNK = 1024 * 1024;

    private Luks() {
    }

    /** True when the device holds a LUKS header (LUKS2, or LUKS1 which {@link #open} refuses). */
    public static boolean isLuks(BlockDevice raw) throws IOException {
        return LuksHeader.isLuks(raw);
    }

    /**
     * Formats {@code raw} as LUKS2 with one keyslot (0) for {@code passphrase}, and returns the open
     * volume. Everything before the data segment is overwritten, destroying any earlier header and
     * keyslots; the data area is not touched (it reads as noise).
     */
    public static LuksDevice format(BlockDevice raw, Secret passphrase, LuksFormatOptions options) throws IOException {
        byte[] bytes = passphrase.bytes();
        try {
            return format(raw, bytes, options);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** As {@link #format(BlockDevice, Secret, LuksFormatOptions)}; the caller wipes {@code passphrase}. */
    public static LuksDevice format(BlockDevice raw, byte[] passphrase, LuksFormatOptions options) throws IOException {
        if (passphrase.length == 0) {
            throw new LuksException("the passphrase is empty");
        }
        if (raw.isReadOnly()) {
            throw new LuksException("cannot format a read-only device");
        }
        long dataOffset = LuksHeader.DEFAULT_DATA_OFFSET;
        if (raw.sizeInBytes() < dataOffset + options.sectorSize()) {
            throw new LuksException("the device of " + raw.sizeInBytes() + " bytes is too small for LUKS2, which needs "
                    + dataOffset / (1024 * 1024) + " MiB for its header and keyslots plus room for data");
        }
        if (raw.sectorSize() > options.sectorSize()) {
            throw new LuksException("the LUKS2 sector size " + options.sectorSize() + " is smaller than the device's "
                    + raw.sectorSize() + "-byte sectors");
        }
        SecureRandom random = options.randomOrDefault();
        KdfParameters kdf = options.kdf().resolve(random);
        int digestIterations = options.kdf().isCalibrated() ? KdfCalibration.pbkdf2Iterations(KdfCalibration.DIGEST_TIME) : 1000;
        byte[] volumeKey = new byte[VOLUME_KEY_BYTES];
        random.nextBytes(volumeKey);
        try {
            wipe(raw, dataOffset);
            long areaOffset = 2L * LuksHeader.DEFAULT_HEADER_SIZE;
            Keyslot keyslot = Keyslot.store(raw, 0, volumeKey, passphrase, kdf, areaOffset,
                    Keyslot.areaSizeFor(VOLUME_KEY_BYTES), random);
            byte[] digestSalt = new byte[KdfParameters.SALT_LENGTH];
            random.nextBytes(digestSalt);
            VolumeKeyDigest digest = VolumeKeyDigest.create(volumeKey, digestSalt, digestIterations);
            DataSegment segment = new DataSegment(0, dataOffset, DataSegment.DYNAMIC, CipherSpec.AES_XTS_PLAIN64,
                    options.sectorSize(), 0);
            String uuid = (options.uuid() != null ? options.uuid() : randomUuid(random)).toString();
            LuksHeader header = LuksHeader.create(uuid, options.label(), segment, keyslot, digest).write(raw, random);
            return new LuksDevice(raw, header, volumeKey, keyslot.id(), random, true);
        } finally {
            Arrays.fill(volumeKey, (byte) 0);
        }
    }

    /** Opens {@code raw} with the first keyslot that accepts {@code passphrase}. */
    public static LuksDevice open(BlockDevice raw, Secret passphrase) throws IOException {
        return open(raw, passphrase, Unlocked.ANY_KEYSLOT);
    }

    /** Opens {@code raw} with keyslot {@code keyslot} only (faster when several keyslots exist). */
    public static LuksDevice open(BlockDevice raw, Secret passphrase, int keyslot) throws IOException {
        byte[] bytes = passphrase.bytes();
        try {
            return open(raw, bytes, keyslot, "the passphrase from " + passphrase.origin());
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** As {@link #open(BlockDevice, Secret)}; the caller wipes {@code passphrase}. */
    public static LuksDevice open(BlockDevice raw, byte[] passphrase) throws IOException {
        return open(raw, passphrase, Unlocked.ANY_KEYSLOT, "the passphrase");
    }

    private static LuksDevice open(BlockDevice raw, byte[] passphrase, int keyslot, String what) throws IOException {
        LuksHeader header = LuksHeader.read(raw);
        DataSegment segment = header.segment();
        // Refuse an unsupported cipher before spending a KDF run on it.
        CipherSpec.requireSupported(segment.encryption(),
                header.keyslots().isEmpty() ? VOLUME_KEY_BYTES : header.keyslots().values().iterator().next().keySize(),
                "the data segment");
        Unlocked unlocked = Unlocked.unlock(raw, header, passphrase, keyslot, what);
        try {
            return new LuksDevice(raw, header, unlocked.volumeKey(), unlocked.keyslot(), new SecureRandom(), false);
        } finally {
            Arrays.fill(unlocked.volumeKey(), (byte) 0);
        }
    }

    /** A text description of the header, like {@code cryptsetup luksDump} (salts and digests, never keys). */
    public static String dump(BlockDevice raw) throws IOException {
        return HeaderDump.describe(LuksHeader.read(raw));
    }

    private static void wipe(BlockDevice raw, long bytes) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(WIPE_CHUNK);
        long sectorsPerChunk = WIPE_CHUNK / raw.sectorSize();
        for (long sector = 0, end = bytes / raw.sectorSize(); sector < end; sector += sectorsPerChunk) {
            int sectors = (int) Math.min(sectorsPerChunk, end - sector);
            zeros.clear().limit(sectors * raw.sectorSize());
            raw.write(sector, zeros);
        }
    }

    private static UUID randomUuid(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(high, low);
    }
}

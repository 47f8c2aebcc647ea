package dev.unikernel.luks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;

/**
 * Choices for {@link Luks#format}: the keyslot's KDF ({@link LuksKdf#defaults()}: argon2id for 2 s),
 * the encryption sector size (4096 by default, or 512, 1024, 2048), an optional label, the UUID
 * (random by default) and the source of randomness for the volume key and salts. Immutable: each
 * {@code with} method returns a changed copy.
 */
public final class LuksFormatOptions {

    public static final int DEFAULT_SECTOR_SIZE = 4096;

    private final LuksKdf kdf;
    private final int sectorSize;
    private final String label;
    private final UUID uuid;
    private final SecureRandom random;

    private LuksFormatOptions(LuksKdf kdf, int sectorSize, String label, UUID uuid, SecureRandom random) {
        this.kdf = kdf;
        this.sectorSize = sectorSize;
        this.label = label;
        this.uuid = uuid;
        this.random = random;
    }

    public static LuksFormatOptions defaults() {
        return new LuksFormatOptions(LuksKdf.defaults(), DEFAULT_SECTOR_SIZE, "", null, null);
    }

    public LuksFormatOptions withKdf(LuksKdf kdf) {
        return new LuksFormatOptions(Objects.requireNonNull(kdf, "kdf"), sectorSize, label, uuid, random);
    }

    public LuksFormatOptions withSectorSize(int sectorSize) {
        if (sectorSize < 512 || sectorSize > 4096 || Integer.bitCount(sectorSize) != 1) {
            throw new IllegalArgumentException("LUKS2 sector size must be 512, 1024, 2048 or 4096: " + sectorSize);
        }
        return new LuksFormatOptions(kdf, sectorSize, label, uuid, random);
    }

    public LuksFormatOptions withLabel(String label) {
        if (label.getBytes(StandardCharsets.UTF_8).length > 47) {
            throw new IllegalArgumentException("a LUKS2 label holds at most 47 bytes: \"" + label + "\"");
        }
        return new LuksFormatOptions(kdf, sectorSize, label, uuid, random);
    }

    public LuksFormatOptions withUuid(UUID uuid) {
        return new LuksFormatOptions(kdf, sectorSize, label, Objects.requireNonNull(uuid, "uuid"), random);
    }

    /** The randomness for the volume key, salts and anti-forensic stripes (e.g. the target's {@code Entropy}). */
    public LuksFormatOptions withRandom(SecureRandom random) {
        return new LuksFormatOptions(kdf, sectorSize, label, uuid, Objects.requireNonNull(random, "random"));
    }

    public LuksKdf kdf() {
        return kdf;
    }

    public int sectorSize() {
        return sectorSize;
    }

    public String label() {
        return label;
    }

    /** The chosen UUID, or null for a random one. */
    public UUID uuid() {
        return uuid;
    }

    SecureRandom randomOrDefault() {
        return random != null ? random : new SecureRandom();
    }

    @Override
    public String toString() {
        return "LuksFormatOptions[" + kdf + ", sector size " + sectorSize + (label.isEmpty() ? "" : ", label " + label) + "]";
    }
}

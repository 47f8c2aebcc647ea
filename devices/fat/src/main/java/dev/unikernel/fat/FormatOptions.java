package dev.unikernel.fat;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How {@link Fat16#format} lays out a volume. Immutable; start from {@link #defaults()} and refine with
 * the {@code with...} methods.
 *
 * @param label        volume label, up to 11 characters A-Z, 0-9, space and {@code !#$%&'()-@^_`{}~};
 *                     empty for none (stored as "NO NAME")
 * @param volumeId     the 32-bit serial number, or empty to derive one from the clock
 * @param clusterBytes cluster size in bytes (a power of two from the sector size to 64 KiB), or empty
 *                     to choose from the volume size as fatgen103's table does
 * @param fatType      FAT16 or FAT32, or empty to choose by size: FAT16 up to 2 GiB, FAT32 above (where
 *                     FAT16 would need 64 KiB clusters, which not every system reads)
 */
public record FormatOptions(String label, OptionalLong volumeId, OptionalInt clusterBytes, Optional<FatType> fatType) {

    public FormatOptions {
        label = label.toUpperCase(Locale.ROOT);
        if (label.length() > 11) {
            throw new IllegalArgumentException("a FAT volume label has at most 11 characters: '" + label + "'");
        }
        for (char c : label.toCharArray()) {
            if (c != ' ' && ShortNames.exactForm(String.valueOf(c)) == null) {
                throw new IllegalArgumentException("a FAT volume label cannot contain '" + c + "': '" + label + "'");
            }
        }
        volumeId.ifPresent(id -> {
            if (id < 0 || id > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("a volume id is a 32-bit unsigned number: " + id);
            }
        });
        java.util.Objects.requireNonNull(fatType, "fatType");
        clusterBytes.ifPresent(c -> {
            if (c < 512 || c > 65536 || Integer.bitCount(c) != 1) {
                throw new IllegalArgumentException("cluster size must be a power of two from 512 to 65536 bytes: " + c);
            }
        });
    }

    /** No label, a clock-derived volume id, the cluster size chosen from the volume size. */
    public static FormatOptions defaults() {
        return new FormatOptions("", OptionalLong.empty(), OptionalInt.empty(), Optional.empty());
    }

    public FormatOptions withLabel(String newLabel) {
        return new FormatOptions(newLabel, volumeId, clusterBytes, fatType);
    }

    public FormatOptions withVolumeId(long id) {
        return new FormatOptions(label, OptionalLong.of(id), clusterBytes, fatType);
    }

    public FormatOptions withClusterBytes(int bytes) {
        return new FormatOptions(label, volumeId, OptionalInt.of(bytes), fatType);
    }

    /** Formats as {@code type} whatever the size (the format fails if the size does not suit it). */
    public FormatOptions withFatType(FatType type) {
        return new FormatOptions(label, volumeId, clusterBytes, Optional.of(type));
    }
}

package dev.unikernel.fat;

/**
 * The FAT variant of a volume. fatgen103 decides it by the data cluster count alone: fewer than 65525
 * clusters is FAT16 (FAT12 below 4085, which is not supported), 65525 or more is FAT32.
 */
public enum FatType {
    /** 16-bit FAT entries and a fixed root directory: volumes up to 2 GiB (4 GiB with 64 KiB clusters). */
    FAT16,
    /** 28-bit FAT entries, the root directory a cluster chain, an FSInfo sector: volumes up to 2 TiB. */
    FAT32;

    /** The start of a message about damage found on a volume of this type ("corrupt FAT32 volume: "). */
    String corrupt() {
        return switch (this) {
            case FAT16 -> "corrupt FAT16 volume: ";
            case FAT32 -> "corrupt FAT32 volume: ";
        };
    }

    /** The volume type name as {@code mkfs.fat} and {@code FileStore.type()} spell it: "fat16", "fat32". */
    public String storeType() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.unikernel.fat;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Lays out and writes an empty FAT32 volume (fatgen103): 32 reserved sectors holding the boot sector,
 * the FSInfo sector (1) and their backups (6 and 7), two mirrored FATs of 28-bit entries, and the root
 * directory as a one-cluster chain at cluster 2 that grows like any directory.
 */
final class Fat32Format {

    static final int RESERVED_SECTORS = 32;
    static final int FS_INFO_SECTOR = 1;
    static final int BACKUP_BOOT_SECTOR = 6;
    static final int ROOT_CLUSTER = 2;
    /** 2 TiB: a 32-bit count of 512-byte sectors ends here, and FAT32 volumes beyond are not portable. */
    static final long MAX_BYTES = 1L << 41;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private Fat32Format() {
    }

    static BootSector plan(int sectorSize, long sectorCount, FormatOptions options, String label) throws IOException {
        long bytes = sectorCount * sectorSize;
        if (bytes > MAX_BYTES) {
            throw new IOException("a FAT32 volume holds at most 2 TiB; this device has " + bytes
                    + " bytes: use a smaller image or partition");
        }
        long total = Math.min(sectorCount, 0xFFFFFFFFL);
        int min = BootSector.MIN_FAT32_CLUSTERS + Formatter.MARGIN;
        int max = BootSector.MAX_FAT32_CLUSTERS - Formatter.MARGIN;
        if (options.clusterBytes().isPresent()) {
            int clusterBytes = options.clusterBytes().getAsInt();
            if (clusterBytes < sectorSize) {
                throw new IOException("cluster size " + clusterBytes + " is smaller than the sector size " + sectorSize);
            }
            BootSector boot = layout(sectorSize, total, clusterBytes / sectorSize, options, label);
            int clusters = boot.clusterCount();
            if (clusters < min || clusters > max) {
                throw new IOException("clusters of " + clusterBytes + " bytes give " + clusters
                        + " clusters on this device, outside FAT32's range " + min + ".." + max
                        + "; choose another cluster size");
            }
            return boot;
        }
        int clusterBytes = Math.max(sectorSize, defaultClusterBytes(bytes));
        while (true) {
            BootSector boot = layout(sectorSize, total, clusterBytes / sectorSize, options, label);
            int clusters = boot.clusterCount();
            if (clusters > max && clusterBytes < 65536) {
                clusterBytes *= 2;
            } else if (clusters < min && clusterBytes > sectorSize) {
                clusterBytes /= 2;
            } else if (clusters < min) {
                throw new IOException("the device (" + bytes + " bytes) is too small for FAT32 with " + sectorSize
                        + "-byte sectors: it gives only " + clusters + " clusters, FAT32 needs at least " + min
                        + " (about " + smallestMib(min, sectorSize) + " MiB); format it as FAT16");
            } else {
                return boot;
            }
        }
    }

    /** The smallest device, in whole MiB, with {@code clusters} clusters of one sector: data, two FATs, reserved sectors. */
    private static long smallestMib(int clusters, int sectorSize) {
        long bytes = (long) clusters * sectorSize + 2 * (clusters + 2L) * 4 + (long) RESERVED_SECTORS * sectorSize;
        return (bytes + MIB - 1) / MIB;
    }

    /** fatgen103's FAT32 table, in bytes rather than 512-byte sectors. */
    private static int defaultClusterBytes(long bytes) {
        if (bytes <= 260 * MIB) {
            return 512;
        } else if (bytes <= 8 * GIB) {
            return 4096;
        } else if (bytes <= 16 * GIB) {
            return 8192;
        } else if (bytes <= 32 * GIB) {
            return 16384;
        }
        return 32768;
    }

    private static BootSector layout(int sectorSize, long total, int sectorsPerCluster, FormatOptions options, String label) {
        int reserved = RESERVED_SECTORS;
        long fatSectors = 1;
        // As for FAT16: the FAT must cover the clusters left after it, and data starts on a cluster boundary.
        for (int i = 0; i < 64; i++) {
            long clusters = (total - reserved - 2 * fatSectors) / sectorsPerCluster;
            long needed = Math.max(1, ((clusters + 2) * 4 + sectorSize - 1) / sectorSize);
            if (needed > fatSectors) {
                fatSectors = needed;
                continue;
            }
            long metadata = RESERVED_SECTORS + 2 * fatSectors;
            int newReserved = RESERVED_SECTORS + (int) ((sectorsPerCluster - metadata % sectorsPerCluster) % sectorsPerCluster);
            if (newReserved == reserved) {
                break;
            }
            reserved = newReserved;
        }
        return new BootSector(FatType.FAT32, sectorSize, sectorsPerCluster, reserved, 2, 0, total, 0xF8, fatSectors,
                ROOT_CLUSTER, FS_INFO_SECTOR, BACKUP_BOOT_SECTOR, 0, Formatter.volumeId(options), label);
    }

    static void write(BlockDevice device, BootSector boot) throws IOException {
        int ss = boot.bytesPerSector();
        // Zero the reserved sectors, both FATs and the root directory's cluster.
        Formatter.zero(device, ss, 0, boot.firstDataSector() + boot.sectorsPerCluster());
        ByteBuffer fatStart = ByteBuffer.allocate(ss).order(ByteOrder.LITTLE_ENDIAN);
        fatStart.putInt(0, 0x0FFFFF00 | boot.media());
        fatStart.putInt(4, 0x0FFFFFFF); // clean, no I/O errors
        fatStart.putInt(8, 0x0FFFFFFF); // the root directory: one cluster, end of chain
        for (int f = 0; f < boot.fatCount(); f++) {
            device.write(boot.fatSector(f), fatStart.clear());
        }
        if (!boot.label().equals(BootSector.NO_LABEL)) {
            ByteBuffer root = ByteBuffer.allocate(ss);
            Formatter.putLabelEntry(boot, root);
            device.write(boot.firstDataSector(), root);
        }
        // The root takes one cluster; allocation starts looking after it.
        long free = boot.clusterCount() - 1L;
        for (long sector : new long[] {FS_INFO_SECTOR, BACKUP_BOOT_SECTOR + FS_INFO_SECTOR}) {
            device.write(sector, FsInfo.encode(ss, free, ROOT_CLUSTER + 1));
        }
        // The boot sectors go last: an interrupted format is not mistaken for a volume.
        device.write(BACKUP_BOOT_SECTOR, boot.encode());
        device.write(0, boot.encode());
        device.flush();
    }
}

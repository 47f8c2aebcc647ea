package dev.unikernel.fat;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out and writes an empty FAT16 volume, or hands a FAT32 one to {@link Fat32Format}. Without a
 * forced type, volumes up to 2 GiB are FAT16 (32 KiB clusters at most, which every FAT reader takes)
 * and larger ones FAT32. mkfs.fat switches at 512 MiB already; keeping FAT16 up to 2 GiB keeps the
 * layout this project made before FAT32 for the sizes it already served.
 */
final class Formatter {

    /** Keep this many clusters away from both FAT16 limits: implementations disagree near the edges. */
    static final int MARGIN = 16;
    static final int ROOT_ENTRIES = 512;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    /** Above this the automatic choice is FAT32. */
    static final long FAT16_AUTO_LIMIT = 2 * GIB;

    private Formatter() {
    }

    static FormatResult format(BlockDevice device, FormatOptions options) throws IOException {
        if (device.isReadOnly()) {
            throw new IOException("cannot format a read-only device");
        }
        List<String> warnings = new ArrayList<>();
        BootSector boot = plan(device.sectorSize(), device.sectorCount(), options, warnings);
        if (boot.isFat32()) {
            Fat32Format.write(device, boot);
        } else {
            write(device, boot);
        }
        return new FormatResult(boot.type(), boot.clusterBytes(), boot.clusterCount(),
                (long) boot.clusterCount() * boot.clusterBytes(), warnings);
    }

    /** Chooses the geometry; package-private so tests can sweep sizes without writing. */
    static BootSector plan(int sectorSize, long sectorCount, FormatOptions options, List<String> warnings) throws IOException {
        if (sectorSize != 512 && sectorSize != 1024 && sectorSize != 2048 && sectorSize != 4096) {
            throw new IOException("FAT needs 512, 1024, 2048 or 4096-byte sectors, not " + sectorSize);
        }
        long bytes = sectorCount * sectorSize;
        FatType type = options.fatType().orElse(bytes > FAT16_AUTO_LIMIT ? FatType.FAT32 : FatType.FAT16);
        if (type == FatType.FAT32) {
            return Fat32Format.plan(sectorSize, sectorCount, options, label(options));
        }
        if (bytes > 4 * GIB) {
            throw new IOException("a FAT16 volume holds at most 4 GiB; this device has " + bytes
                    + " bytes: format it as FAT32 (--fat=32, or leave the type to be chosen by size)");
        }
        long total = Math.min(sectorCount, 0xFFFFFFFFL);
        int clusterBytes;
        if (options.clusterBytes().isPresent()) {
            clusterBytes = options.clusterBytes().getAsInt();
            if (clusterBytes < sectorSize) {
                throw new IOException("cluster size " + clusterBytes + " is smaller than the sector size " + sectorSize);
            }
            BootSector boot = layout(sectorSize, total, clusterBytes / sectorSize, options);
            int clusters = boot.clusterCount();
            if (clusters < BootSector.MIN_CLUSTERS + MARGIN || clusters > BootSector.MAX_CLUSTERS - MARGIN) {
                throw new IOException("clusters of " + clusterBytes + " bytes give " + clusters
                        + " clusters on this device, outside FAT16's range " + (BootSector.MIN_CLUSTERS + MARGIN)
                        + ".." + (BootSector.MAX_CLUSTERS - MARGIN) + "; choose another cluster size");
            }
            warnLargeClusters(clusterBytes, warnings);
            return boot;
        }
        clusterBytes = Math.max(sectorSize, defaultClusterBytes(bytes));
        for (int attempt = 0; attempt < 16; attempt++) {
            BootSector boot = layout(sectorSize, total, clusterBytes / sectorSize, options);
            int clusters = boot.clusterCount();
            if (clusters > BootSector.MAX_CLUSTERS - MARGIN) {
                if (clusterBytes == 65536) {
                    break;
                }
                clusterBytes *= 2;
            } else if (clusters < BootSector.MIN_CLUSTERS + MARGIN) {
                if (clusterBytes == sectorSize) {
                    throw new IOException("the device (" + bytes + " bytes) is too small for FAT16 with "
                            + sectorSize + "-byte sectors: it gives only " + clusters + " clusters, FAT16 needs at least "
                            + (BootSector.MIN_CLUSTERS + MARGIN));
                }
                clusterBytes /= 2;
            } else {
                warnLargeClusters(clusterBytes, warnings);
                return boot;
            }
        }
        throw new IOException("no cluster size fits a FAT16 volume of " + bytes + " bytes");
    }

    private static int defaultClusterBytes(long bytes) {
        // fatgen103's FAT16 table, in bytes rather than 512-byte sectors.
        if (bytes <= 16 * MIB) {
            return 1024;
        } else if (bytes <= 128 * MIB) {
            return 2048;
        } else if (bytes <= 256 * MIB) {
            return 4096;
        } else if (bytes <= 512 * MIB) {
            return 8192;
        } else if (bytes <= GIB) {
            return 16384;
        } else if (bytes <= 2 * GIB) {
            return 32768;
        }
        return 65536;
    }

    private static void warnLargeClusters(int clusterBytes, List<String> warnings) {
        if (clusterBytes == 65536) {
            warnings.add("64 KiB clusters (needed above 2 GiB) are not supported by every FAT implementation; "
                    + "older Windows and some devices will refuse this volume");
        }
    }

    private static BootSector layout(int sectorSize, long total, int sectorsPerCluster, FormatOptions options) {
        int rootSectors = (ROOT_ENTRIES * 32 + sectorSize - 1) / sectorSize;
        int reserved = 1;
        int fatSectors = 1;
        // Iterate to a fixed point: the FAT must cover the clusters left after the FAT itself, and the
        // reserved area is padded so that data clusters start on a cluster boundary (aligned I/O below).
        for (int i = 0; i < 64; i++) {
            long clusters = (total - reserved - rootSectors - 2L * fatSectors) / sectorsPerCluster;
            int needed = (int) Math.max(1, ((clusters + 2) * 2 + sectorSize - 1) / sectorSize);
            if (needed > fatSectors) {
                fatSectors = needed;
                continue;
            }
            int metadata = 1 + 2 * fatSectors + rootSectors;
            int newReserved = 1 + (sectorsPerCluster - metadata % sectorsPerCluster) % sectorsPerCluster;
            if (newReserved == reserved) {
                break;
            }
            reserved = newReserved;
        }
        return new BootSector(FatType.FAT16, sectorSize, sectorsPerCluster, reserved, 2, ROOT_ENTRIES, total, 0xF8,
                fatSectors, 0, 0, 0, 0, volumeId(options), label(options));
    }

    static long volumeId(FormatOptions options) {
        return options.volumeId().orElse(System.currentTimeMillis() & 0xFFFFFFFFL);
    }

    /** The label as the boot sector stores it: 11 characters, space padded, "NO NAME" for none. */
    static String label(FormatOptions options) {
        return options.label().isEmpty() ? BootSector.NO_LABEL : (options.label() + " ".repeat(11)).substring(0, 11);
    }

    /** The root directory's volume label entry, written into {@code sector} at offset 0. */
    static void putLabelEntry(BootSector boot, ByteBuffer sector) {
        sector.put(0, boot.label().getBytes(StandardCharsets.ISO_8859_1));
        sector.put(11, (byte) DirectoryEntry.ATTR_VOLUME_ID);
        long now = System.currentTimeMillis();
        sector.order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) DosTime.time(now)).putShort(24, (short) DosTime.date(now));
    }

    /** Writes zeros over sectors {@code from..to-1}. */
    static void zero(BlockDevice device, int sectorSize, long from, long to) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        int sectorsPerChunk = zeros.capacity() / sectorSize;
        for (long s = from; s < to; s += sectorsPerChunk) {
            int n = (int) Math.min(sectorsPerChunk, to - s);
            zeros.clear().limit(n * sectorSize);
            device.write(s, zeros);
        }
    }

    private static void write(BlockDevice device, BootSector boot) throws IOException {
        int ss = boot.bytesPerSector();
        // Zero everything before the data area: reserved sectors, both FATs and the root directory.
        zero(device, ss, 0, boot.firstDataSector());
        ByteBuffer fatStart = ByteBuffer.allocate(ss).order(ByteOrder.LITTLE_ENDIAN);
        fatStart.putShort(0, (short) (0xFF00 | boot.media()));
        fatStart.putShort(2, (short) 0xFFFF); // clean, no I/O errors
        for (int f = 0; f < boot.fatCount(); f++) {
            device.write(boot.fatSector(f), fatStart.clear());
        }
        if (!boot.label().equals(BootSector.NO_LABEL)) {
            ByteBuffer root = ByteBuffer.allocate(ss);
            putLabelEntry(boot, root);
            device.write(boot.firstRootSector(), root);
        }
        // The boot sector goes last: an interrupted format is not mistaken for a volume.
        device.write(0, boot.encode());
        device.flush();
    }
}

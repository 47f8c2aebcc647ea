package dev.unikernel.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The FAT16 boot sector's BIOS parameter block, and the layout it implies: where the FATs, the root
 * directory and the data clusters start. {@link #parse} refuses anything that is not a sound FAT16
 * volume with a message naming the problem.
 */
record BootSector(
        int bytesPerSector,
        int sectorsPerCluster,
        int reservedSectors,
        int fatCount,
        int rootEntries,
        long totalSectors,
        int media,
        int sectorsPerFat,
        long volumeId,
        String label) {

    /** FAT16 holds 4085..65524 clusters; fewer is FAT12, more is FAT32 (fatgen103). */
    static final int MIN_CLUSTERS = 4085;
    static final int MAX_CLUSTERS = 65524;

    static final String NO_LABEL = "NO NAME    ";

    int rootSectors() {
        return (rootEntries * 32 + bytesPerSector - 1) / bytesPerSector;
    }

    long firstFatSector() {
        return reservedSectors;
    }

    long firstRootSector() {
        return reservedSectors + (long) fatCount * sectorsPerFat;
    }

    long firstDataSector() {
        return firstRootSector() + rootSectors();
    }

    int clusterBytes() {
        return sectorsPerCluster * bytesPerSector;
    }

    int clusterCount() {
        return (int) ((totalSectors - firstDataSector()) / sectorsPerCluster);
    }

    /** Reads and validates a boot sector; {@code deviceBytes} catches truncated images. */
    static BootSector parse(ByteBuffer sector, long deviceBytes) throws IOException {
        ByteBuffer b = sector.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position(0);
        byte[] oem = new byte[8];
        b.get(3, oem);
        if (new String(oem, StandardCharsets.ISO_8859_1).equals("EXFAT   ")) {
            throw new IOException("not a FAT16 volume: it is exFAT, which is not supported");
        }
        if ((b.get(510) & 0xFF) != 0x55 || (b.get(511) & 0xFF) != 0xAA) {
            throw new IOException("not a FAT volume: the boot sector has no 55 AA signature at offset 510");
        }
        int bytesPerSector = b.getShort(11) & 0xFFFF;
        int sectorsPerCluster = b.get(13) & 0xFF;
        int reserved = b.getShort(14) & 0xFFFF;
        int fats = b.get(16) & 0xFF;
        int rootEntries = b.getShort(17) & 0xFFFF;
        int total16 = b.getShort(19) & 0xFFFF;
        int media = b.get(21) & 0xFF;
        int fatSize16 = b.getShort(22) & 0xFFFF;
        long total32 = b.getInt(32) & 0xFFFFFFFFL;
        if (bytesPerSector != 512 && bytesPerSector != 1024 && bytesPerSector != 2048 && bytesPerSector != 4096) {
            throw new IOException("bad FAT boot sector: " + bytesPerSector + " bytes per sector (must be 512, 1024, 2048 or 4096)");
        }
        if (sectorsPerCluster == 0 || Integer.bitCount(sectorsPerCluster) != 1) {
            throw new IOException("bad FAT boot sector: " + sectorsPerCluster + " sectors per cluster (must be a power of two)");
        }
        if ((long) sectorsPerCluster * bytesPerSector > 65536) {
            throw new IOException("bad FAT boot sector: clusters of " + sectorsPerCluster * bytesPerSector
                    + " bytes are larger than FAT's limit of 64 KiB");
        }
        if (reserved == 0) {
            throw new IOException("bad FAT boot sector: 0 reserved sectors");
        }
        if (fats == 0) {
            throw new IOException("bad FAT boot sector: the volume has no FAT");
        }
        if (fatSize16 == 0 || rootEntries == 0) {
            throw new IOException("not a FAT16 volume: the boot sector describes FAT32, which is not supported");
        }
        if (rootEntries * 32 % bytesPerSector != 0) {
            throw new IOException("bad FAT boot sector: " + rootEntries + " root directory entries do not fill whole "
                    + bytesPerSector + "-byte sectors");
        }
        long total = total16 != 0 ? total16 : total32;
        if (total == 0) {
            throw new IOException("bad FAT boot sector: the total sector count is 0");
        }
        int ebpbSignature = b.get(38) & 0xFF;
        long volumeId = 0;
        String label = NO_LABEL;
        if (ebpbSignature == 0x29) {
            volumeId = b.getInt(39) & 0xFFFFFFFFL;
            byte[] l = new byte[11];
            b.get(43, l);
            label = new String(l, StandardCharsets.ISO_8859_1);
        }
        BootSector boot = new BootSector(bytesPerSector, sectorsPerCluster, reserved, fats, rootEntries, total, media,
                fatSize16, volumeId, label);
        if (boot.firstDataSector() >= total) {
            throw new IOException("bad FAT boot sector: the FATs and root directory (" + boot.firstDataSector()
                    + " sectors) do not fit in the volume's " + total + " sectors");
        }
        int clusters = boot.clusterCount();
        if (clusters < MIN_CLUSTERS) {
            throw new IOException("not a FAT16 volume: cluster count " + clusters + " means FAT12, which is not supported");
        }
        if (clusters > MAX_CLUSTERS) {
            throw new IOException("not a FAT16 volume: cluster count " + clusters + " means FAT32, which is not supported");
        }
        if ((long) fatSize16 * bytesPerSector / 2 < clusters + 2L) {
            throw new IOException("bad FAT boot sector: a FAT of " + fatSize16 + " sectors cannot hold "
                    + clusters + " clusters");
        }
        long volumeBytes = total * bytesPerSector;
        if (volumeBytes > deviceBytes) {
            throw new IOException("the FAT16 volume claims " + volumeBytes + " bytes but the device holds only "
                    + deviceBytes + " (truncated image?)");
        }
        return boot;
    }

    /** The boot sector bytes ({@link #bytesPerSector} long) for a freshly formatted volume. */
    ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(bytesPerSector).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 0xEB).put(1, (byte) 0x3C).put(2, (byte) 0x90); // jump over the BPB
        b.put(3, "MSWIN4.1".getBytes(StandardCharsets.ISO_8859_1)); // the OEM name fatgen103 recommends
        b.putShort(11, (short) bytesPerSector);
        b.put(13, (byte) sectorsPerCluster);
        b.putShort(14, (short) reservedSectors);
        b.put(16, (byte) fatCount);
        b.putShort(17, (short) rootEntries);
        if (totalSectors < 0x10000) {
            b.putShort(19, (short) totalSectors);
        } else {
            b.putInt(32, (int) totalSectors);
        }
        b.put(21, (byte) media);
        b.putShort(22, (short) sectorsPerFat);
        b.putShort(24, (short) 63); // sectors per track: only BIOS geometry, any plausible value
        b.putShort(26, (short) 255); // heads
        b.putInt(28, 0); // hidden sectors: an unpartitioned image
        b.put(36, (byte) 0x80); // drive number: a hard disk
        b.put(38, (byte) 0x29); // extended boot signature: volume id, label and type follow
        b.putInt(39, (int) volumeId);
        b.put(43, label.getBytes(StandardCharsets.ISO_8859_1));
        b.put(54, "FAT16   ".getBytes(StandardCharsets.ISO_8859_1));
        // A boot stub that says so instead of hanging if a BIOS ever boots it: int 18h (no bootable disk).
        b.put(62, (byte) 0xCD).put(63, (byte) 0x18);
        b.put(510, (byte) 0x55).put(511, (byte) 0xAA);
        return b;
    }
}

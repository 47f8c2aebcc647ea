package dev.unikernel.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The boot sector's BIOS parameter block (FAT16's, or FAT32's with its extra fields), and the layout it
 * implies: where the FATs, the root directory and the data clusters start. {@link #parse} refuses
 * anything that is not a sound FAT16 or FAT32 volume with a message naming the problem.
 *
 * @param rootEntries      FAT16's fixed root directory size in entries; 0 on FAT32
 * @param rootCluster      FAT32's root directory first cluster (BPB_RootClus); 0 on FAT16
 * @param fsInfoSector     FAT32's FSInfo sector (BPB_FSInfo), 0 when there is none
 * @param backupBootSector FAT32's backup boot sector (BPB_BkBootSec), 0 when there is none
 * @param extFlags         FAT32's BPB_ExtFlags: bit 7 set means only FAT number bits 0..3 is active
 */
record BootSector(
        FatType type,
        int bytesPerSector,
        int sectorsPerCluster,
        int reservedSectors,
        int fatCount,
        int rootEntries,
        long totalSectors,
        int media,
        long sectorsPerFat,
        int rootCluster,
        int fsInfoSector,
        int backupBootSector,
        int extFlags,
        long volumeId,
        String label) {

    /** FAT16 holds 4085..65524 clusters; fewer is FAT12, more is FAT32 (fatgen103). */
    static final int MIN_CLUSTERS = 4085;
    static final int MAX_CLUSTERS = 65524;
    /** FAT32 from 65525 clusters up to cluster number 0x0FFFFFF6 (0x0FFFFFF7 marks bad clusters). */
    static final int MIN_FAT32_CLUSTERS = 65525;
    static final int MAX_FAT32_CLUSTERS = 0x0FFFFFF5;

    static final String NO_LABEL = "NO NAME    ";

    boolean isFat32() {
        return type == FatType.FAT32;
    }

    int rootSectors() {
        return (rootEntries * 32 + bytesPerSector - 1) / bytesPerSector;
    }

    /** Whether every FAT copy is kept equal (FAT32 can switch mirroring off and name one active FAT). */
    boolean mirrored() {
        return !isFat32() || (extFlags & 0x80) == 0;
    }

    /** The FAT this volume reads: the first, or FAT32's active one when mirroring is off. */
    int activeFat() {
        return mirrored() ? 0 : extFlags & 0x0F;
    }

    long firstFatSector() {
        return reservedSectors + activeFat() * sectorsPerFat;
    }

    long fatSector(int copy) {
        return reservedSectors + copy * sectorsPerFat;
    }

    long firstRootSector() {
        return reservedSectors + fatCount * sectorsPerFat;
    }

    long firstDataSector() {
        return firstRootSector() + rootSectors();
    }

    int clusterBytes() {
        return sectorsPerCluster * bytesPerSector;
    }

    int clusterCount() {
        return (int) Math.min(Integer.MAX_VALUE, (totalSectors - firstDataSector()) / sectorsPerCluster);
    }

    /** Reads and validates a boot sector; {@code deviceBytes} catches truncated images. */
    static BootSector parse(ByteBuffer sector, long deviceBytes) throws IOException {
        ByteBuffer b = sector.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position(0);
        byte[] oem = new byte[8];
        b.get(3, oem);
        if (new String(oem, StandardCharsets.ISO_8859_1).equals("EXFAT   ")) {
            throw new IOException("not a FAT16 or FAT32 volume: it is exFAT, which is not supported");
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
        // FAT32's BPB says so by a zero root entry count and a zero 16-bit FAT size (fatgen103).
        boolean fat32Bpb = fatSize16 == 0 && rootEntries == 0;
        if (!fat32Bpb && (fatSize16 == 0 || rootEntries == 0)) {
            throw new IOException("bad FAT boot sector: " + (fatSize16 == 0 ? "a FAT size of 0" : "no root directory entries")
                    + " for a FAT16 volume");
        }
        if (rootEntries * 32 % bytesPerSector != 0) {
            throw new IOException("bad FAT boot sector: " + rootEntries + " root directory entries do not fill whole "
                    + bytesPerSector + "-byte sectors");
        }
        long total = total16 != 0 ? total16 : total32;
        if (total == 0) {
            throw new IOException("bad FAT boot sector: the total sector count is 0");
        }
        long sectorsPerFat = fatSize16;
        int extFlags = 0;
        int rootCluster = 0;
        int fsInfo = 0;
        int backup = 0;
        int ebpb = 36; // where the drive number, signature, id and label start
        if (fat32Bpb) {
            sectorsPerFat = b.getInt(36) & 0xFFFFFFFFL;
            extFlags = b.getShort(40) & 0xFFFF;
            int version = b.getShort(42) & 0xFFFF;
            rootCluster = b.getInt(44);
            fsInfo = b.getShort(48) & 0xFFFF;
            backup = b.getShort(50) & 0xFFFF;
            ebpb = 64;
            if (sectorsPerFat == 0) {
                throw new IOException("bad FAT32 boot sector: a FAT size of 0");
            }
            if (version != 0) {
                throw new IOException("not a supported FAT32 volume: version " + (version >> 8) + "." + (version & 0xFF)
                        + " (only 0.0 exists)");
            }
            if ((extFlags & 0x80) != 0 && (extFlags & 0x0F) >= fats) {
                throw new IOException("bad FAT32 boot sector: active FAT " + (extFlags & 0x0F) + " of " + fats);
            }
            fsInfo = fsInfo == 0xFFFF ? 0 : fsInfo;
            backup = backup == 0xFFFF ? 0 : backup;
            if (fsInfo >= reserved || backup >= reserved) {
                throw new IOException("bad FAT32 boot sector: the FSInfo (" + fsInfo + ") or backup boot sector (" + backup
                        + ") lies outside the " + reserved + " reserved sectors");
            }
        }
        long volumeId = 0;
        String label = NO_LABEL;
        if ((b.get(ebpb + 2) & 0xFF) == 0x29) {
            volumeId = b.getInt(ebpb + 3) & 0xFFFFFFFFL;
            byte[] l = new byte[11];
            b.get(ebpb + 7, l);
            label = new String(l, StandardCharsets.ISO_8859_1);
        }
        FatType type = fat32Bpb ? FatType.FAT32 : FatType.FAT16;
        BootSector boot = new BootSector(type, bytesPerSector, sectorsPerCluster, reserved, fats, rootEntries, total, media,
                sectorsPerFat, rootCluster, fsInfo, backup, extFlags, volumeId, label);
        boot.checkLayout(deviceBytes);
        return boot;
    }

    /** The checks that need the whole layout: the cluster count decides the type, the FAT must cover it. */
    private void checkLayout(long deviceBytes) throws IOException {
        if (firstDataSector() >= totalSectors) {
            throw new IOException("bad FAT boot sector: the FATs and root directory (" + firstDataSector()
                    + " sectors) do not fit in the volume's " + totalSectors + " sectors");
        }
        long clusters = (totalSectors - firstDataSector()) / sectorsPerCluster;
        if (clusters < MIN_CLUSTERS) {
            throw new IOException("not a FAT16 or FAT32 volume: cluster count " + clusters + " means FAT12, which is not supported");
        }
        if (isFat32() && clusters < MIN_FAT32_CLUSTERS) {
            throw new IOException("bad FAT32 volume: cluster count " + clusters + " means FAT16 (FAT32 needs at least "
                    + MIN_FAT32_CLUSTERS + "), but the boot sector is laid out for FAT32");
        }
        if (!isFat32() && clusters > MAX_CLUSTERS) {
            throw new IOException("bad FAT16 volume: cluster count " + clusters + " means FAT32 (FAT16 holds at most "
                    + MAX_CLUSTERS + "), but the boot sector has FAT16's fixed root directory");
        }
        if (clusters > MAX_FAT32_CLUSTERS) {
            throw new IOException("bad FAT32 volume: cluster count " + clusters + " is more than FAT32's "
                    + MAX_FAT32_CLUSTERS);
        }
        int entryBytes = isFat32() ? 4 : 2;
        if (sectorsPerFat * bytesPerSector / entryBytes < clusters + 2L) {
            throw new IOException("bad FAT boot sector: a FAT of " + sectorsPerFat + " sectors cannot hold "
                    + clusters + " clusters");
        }
        if (isFat32() && (rootCluster < 2 || rootCluster >= clusters + 2)) {
            throw new IOException("bad FAT32 boot sector: root directory cluster " + (rootCluster & 0xFFFFFFFFL)
                    + " is outside the data clusters 2.." + (clusters + 1));
        }
        long volumeBytes = totalSectors * bytesPerSector;
        if (volumeBytes > deviceBytes) {
            throw new IOException("the " + type + " volume claims " + volumeBytes + " bytes but the device holds only "
                    + deviceBytes + " (truncated image?)");
        }
    }

    /** The boot sector bytes ({@link #bytesPerSector} long) for a freshly formatted volume. */
    ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(bytesPerSector).order(ByteOrder.LITTLE_ENDIAN);
        int ebpb = isFat32() ? 64 : 36;
        // Jump over the BPB to the boot stub.
        b.put(0, (byte) 0xEB).put(1, (byte) (ebpb + 26 - 2)).put(2, (byte) 0x90);
        b.put(3, "MSWIN4.1".getBytes(StandardCharsets.ISO_8859_1)); // the OEM name fatgen103 recommends
        b.putShort(11, (short) bytesPerSector);
        b.put(13, (byte) sectorsPerCluster);
        b.putShort(14, (short) reservedSectors);
        b.put(16, (byte) fatCount);
        b.putShort(17, (short) rootEntries);
        if (totalSectors < 0x10000 && !isFat32()) {
            b.putShort(19, (short) totalSectors);
        } else {
            b.putInt(32, (int) totalSectors);
        }
        b.put(21, (byte) media);
        if (!isFat32()) {
            b.putShort(22, (short) sectorsPerFat);
        }
        b.putShort(24, (short) 63); // sectors per track: only BIOS geometry, any plausible value
        b.putShort(26, (short) 255); // heads
        b.putInt(28, 0); // hidden sectors: an unpartitioned image
        if (isFat32()) {
            b.putInt(36, (int) sectorsPerFat);
            b.putShort(40, (short) extFlags);
            b.putShort(42, (short) 0); // version 0.0
            b.putInt(44, rootCluster);
            b.putShort(48, (short) fsInfoSector);
            b.putShort(50, (short) backupBootSector);
        }
        b.put(ebpb, (byte) 0x80); // drive number: a hard disk
        b.put(ebpb + 2, (byte) 0x29); // extended boot signature: volume id, label and type follow
        b.putInt(ebpb + 3, (int) volumeId);
        b.put(ebpb + 7, label.getBytes(StandardCharsets.ISO_8859_1));
        b.put(ebpb + 18, (isFat32() ? "FAT32   " : "FAT16   ").getBytes(StandardCharsets.ISO_8859_1));
        // A boot stub that says so instead of hanging if a BIOS ever boots it: int 18h (no bootable disk).
        b.put(ebpb + 26, (byte) 0xCD).put(ebpb + 27, (byte) 0x18);
        b.put(510, (byte) 0x55).put(511, (byte) 0xAA);
        return b;
    }
}

package dev.unikernel.fat;

import java.util.zip.CRC32;

/**
 * What a rename in progress is doing, recorded in one 32-byte slot of the root directory so that a
 * mount after a crash can finish it. The slot's first byte is 0xE5: to fsck.fat, mtools and every
 * other FAT reader it is a deleted entry, whose other bytes nobody checks. A magic and a CRC keep
 * ordinary deleted entries from ever reading as an intent.
 *
 * @param sourceDirectory first cluster of the directory the entry leaves (0: the root)
 * @param sourceEntrySlot slot of the old short entry there
 * @param sourceNameHash {@link #nameHash} of bytes 1..10 of the old short name (byte 0 reads 0xE5 once
 *                       the old entry is removed)
 * @param targetDirectory first cluster of the directory the entry goes to (0: the root)
 * @param targetEntrySlot slot of the new short entry there; its long-name slots precede it
 * @param targetSlotCount the new entry's slots, long-name slots included
 * @param targetFirstByte the new short name's real first byte (written as 0xE5 until the rename completes)
 * @param firstCluster the file's or directory's first cluster (0: an empty file)
 * @param movesDirectory a directory moved to another parent: its ".." must name the target directory
 */
record RenameIntent(int sourceDirectory, int sourceEntrySlot, int sourceNameHash, int targetDirectory,
        int targetEntrySlot, int targetSlotCount, int targetFirstByte, int firstCluster, boolean movesDirectory) {

    private static final int MAGIC_1 = 'R';
    /** The first layout, 16-bit clusters and the name itself; still read so an older version's intent is finished. */
    private static final int MAGIC_2_NARROW = 'N';
    /** This layout: 32-bit clusters (FAT32), the name as a CRC to make room for their high halves. */
    private static final int MAGIC_2 = 'W';
    private static final int MOVES_DIRECTORY = 1;

    /** The record's 32 bytes. Byte 11 (a deleted entry's attributes) stays 0 so no reader takes it for a long-name slot. */
    byte[] encode() {
        byte[] b = new byte[DirectoryEntry.SIZE];
        b[0] = (byte) DirectoryEntry.FREE;
        b[1] = MAGIC_1;
        b[2] = MAGIC_2;
        b[3] = (byte) targetFirstByte;
        DirectoryEntry.putShort(b, 4, sourceDirectory);
        DirectoryEntry.putShort(b, 6, sourceEntrySlot);
        DirectoryEntry.putShort(b, 8, targetDirectory);
        b[10] = (byte) targetSlotCount;
        DirectoryEntry.putShort(b, 12, targetEntrySlot);
        DirectoryEntry.putShort(b, 14, firstCluster);
        b[16] = (byte) (movesDirectory ? MOVES_DIRECTORY : 0);
        DirectoryEntry.putShort(b, 17, sourceDirectory >>> 16);
        DirectoryEntry.putShort(b, 19, targetDirectory >>> 16);
        DirectoryEntry.putShort(b, 21, firstCluster >>> 16);
        DirectoryEntry.putInt(b, 23, sourceNameHash);
        DirectoryEntry.putInt(b, 28, (int) crc(b));
        return b;
    }

    /** The intent in slot {@code p} of {@code data}, or null when that slot holds anything else. */
    static RenameIntent decode(byte[] data, int p) {
        if ((data[p] & 0xFF) != DirectoryEntry.FREE || data[p + 1] != MAGIC_1
                || (data[p + 2] != MAGIC_2 && data[p + 2] != MAGIC_2_NARROW) || data[p + 11] != 0) {
            return null;
        }
        byte[] b = java.util.Arrays.copyOfRange(data, p, p + DirectoryEntry.SIZE);
        if (DirectoryEntry.getInt(b, 28) != crc(b)) {
            return null;
        }
        int slotCount = b[10] & 0xFF;
        if (slotCount < 1 || slotCount > 21) {
            return null;
        }
        boolean wide = b[2] == MAGIC_2;
        int sourceHigh = wide ? DirectoryEntry.getShort(b, 17) << 16 : 0;
        int targetHigh = wide ? DirectoryEntry.getShort(b, 19) << 16 : 0;
        int clusterHigh = wide ? DirectoryEntry.getShort(b, 21) << 16 : 0;
        int nameHash = wide ? (int) DirectoryEntry.getInt(b, 23) : nameHash(java.util.Arrays.copyOfRange(b, 17, 27));
        return new RenameIntent(DirectoryEntry.getShort(b, 4) | sourceHigh, DirectoryEntry.getShort(b, 6), nameHash,
                DirectoryEntry.getShort(b, 8) | targetHigh, DirectoryEntry.getShort(b, 12), slotCount, b[3] & 0xFF,
                DirectoryEntry.getShort(b, 14) | clusterHigh, (b[16] & MOVES_DIRECTORY) != 0);
    }

    /** A CRC of the 10 bytes after a short name's first: what the intent remembers of the old name. */
    static int nameHash(byte[] nameTail) {
        CRC32 crc = new CRC32();
        crc.update(nameTail, 0, 10);
        return (int) crc.getValue();
    }

    /** A slot that once held an intent and now is an ordinary deleted entry. */
    static byte[] cleared() {
        byte[] b = new byte[DirectoryEntry.SIZE];
        b[0] = (byte) DirectoryEntry.FREE;
        return b;
    }

    private static long crc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 1, 27);
        return crc.getValue();
    }
}

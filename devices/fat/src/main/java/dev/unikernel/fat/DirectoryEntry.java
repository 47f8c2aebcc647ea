package dev.unikernel.fat;

/** The 32-byte short directory entry: field offsets, attribute bits, and encoding a {@link Node} into one. */
final class DirectoryEntry {

    static final int SIZE = 32;
    static final int ATTR_READ_ONLY = 0x01;
    static final int ATTR_HIDDEN = 0x02;
    static final int ATTR_SYSTEM = 0x04;
    static final int ATTR_VOLUME_ID = 0x08;
    static final int ATTR_DIRECTORY = 0x10;
    static final int ATTR_ARCHIVE = 0x20;
    static final int FREE = 0xE5;
    static final int END = 0x00;

    private DirectoryEntry() {
    }

    /** Writes {@code node}'s short entry (name, attributes, times, first cluster, size) at {@code p}. */
    static void encode(Node node, byte[] data, int p) {
        encode(node, node.shortName, data, p);
    }

    /** As {@link #encode(Node, byte[], int)} under another 8.3 name (a rename's new entry). */
    static void encode(Node node, String shortName, byte[] data, int p) {
        java.util.Arrays.fill(data, p, p + SIZE, (byte) 0);
        System.arraycopy(ShortNames.bytes(shortName), 0, data, p, 11);
        data[p + 11] = (byte) node.attributes;
        data[p + 12] = (byte) node.ntFlags;
        data[p + 13] = (byte) DosTime.tenths(node.created);
        putShort(data, p + 14, DosTime.time(node.created));
        putShort(data, p + 16, DosTime.date(node.created));
        putShort(data, p + 18, DosTime.date(node.accessed));
        putShort(data, p + 22, DosTime.time(node.modified));
        putShort(data, p + 24, DosTime.date(node.modified));
        putCluster(data, p, node.firstCluster);
        putInt(data, p + 28, node.isDirectory() ? 0 : (int) node.size);
    }

    /** Writes a "." or ".." entry pointing at {@code cluster} (0 means the root directory). */
    static void encodeDot(String name, int cluster, long time, byte[] data, int p) {
        java.util.Arrays.fill(data, p, p + SIZE, (byte) 0);
        byte[] n = (name + "           ").substring(0, 11).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(n, 0, data, p, 11);
        data[p + 11] = ATTR_DIRECTORY;
        putShort(data, p + 14, DosTime.time(time));
        putShort(data, p + 16, DosTime.date(time));
        putShort(data, p + 18, DosTime.date(time));
        putShort(data, p + 22, DosTime.time(time));
        putShort(data, p + 24, DosTime.date(time));
        putCluster(data, p, cluster);
    }

    /** Sets the entry's first cluster: low 16 bits at 26, high 16 at 20 (FAT32's; always 0 on FAT16). */
    static void putCluster(byte[] d, int p, int cluster) {
        putShort(d, p + 26, cluster);
        putShort(d, p + 20, cluster >>> 16);
    }

    /** The entry's first cluster; the high half only on FAT32 (FAT16 readers may use byte 20 for other things). */
    static int cluster(byte[] d, int p, FatType type) {
        int low = getShort(d, p + 26);
        return type == FatType.FAT32 ? low | (getShort(d, p + 20) << 16) & 0x0FFF0000 : low;
    }

    static int getShort(byte[] d, int p) {
        return (d[p] & 0xFF) | ((d[p + 1] & 0xFF) << 8);
    }

    static long getInt(byte[] d, int p) {
        return (getShort(d, p) | ((long) getShort(d, p + 2) << 16)) & 0xFFFFFFFFL;
    }

    static void putShort(byte[] d, int p, int v) {
        d[p] = (byte) v;
        d[p + 1] = (byte) (v >>> 8);
    }

    static void putInt(byte[] d, int p, int v) {
        putShort(d, p, v);
        putShort(d, p + 2, v >>> 16);
    }
}

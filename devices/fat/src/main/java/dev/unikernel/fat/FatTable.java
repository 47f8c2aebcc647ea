package dev.unikernel.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * The whole file allocation table, held in memory (FAT16's is at most 128 KiB). It knows the free
 * count and a next-free hint, so allocation never scans the table from the start, and it tracks which
 * of its sectors changed so that only those are written back.
 */
final class FatTable {

    static final int END_OF_CHAIN = 0xFFFF;
    static final int BAD_CLUSTER = 0xFFF7;
    /** FAT[1] bit set while the volume is cleanly unmounted. */
    static final int CLEAN_BIT = 0x8000;
    /** FAT[1] bit set while no I/O error happened. */
    static final int NO_ERROR_BIT = 0x4000;

    private final char[] entries;
    /** What the disk holds (as far as this mount wrote or read it), to order writes safely. */
    private final char[] onDisk;
    private final int clusterCount;
    private final int entriesPerSector;
    private final BitSet dirtySectors = new BitSet();
    private int freeCount;
    private int nextFreeHint = 2;

    private FatTable(char[] entries, int clusterCount, int entriesPerSector) {
        this.entries = entries;
        this.onDisk = entries.clone();
        this.clusterCount = clusterCount;
        this.entriesPerSector = entriesPerSector;
        for (int c = 2; c < clusterCount + 2; c++) {
            if (entries[c] == 0) {
                // Start the hint at the first free cluster, so a full volume's first allocation does not scan again.
                if (freeCount++ == 0) {
                    nextFreeHint = c;
                }
            }
        }
    }

    /** Decodes a FAT read from disk ({@code sectors * sectorSize} bytes). */
    static FatTable decode(ByteBuffer raw, int clusterCount, int sectorSize) {
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position(0);
        char[] entries = new char[b.remaining() / 2];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = b.getChar(i * 2);
        }
        return new FatTable(entries, clusterCount, sectorSize / 2);
    }

    int clusterCount() {
        return clusterCount;
    }

    int freeCount() {
        return freeCount;
    }

    boolean isDataCluster(int cluster) {
        return cluster >= 2 && cluster < clusterCount + 2;
    }

    int get(int cluster) {
        return entries[cluster];
    }

    void set(int cluster, int value) {
        if (cluster >= 2) {
            boolean wasFree = entries[cluster] == 0;
            boolean isFree = value == 0;
            if (wasFree != isFree) {
                freeCount += isFree ? 1 : -1;
            }
            if (isFree && cluster < nextFreeHint) {
                nextFreeHint = cluster;
            }
        }
        entries[cluster] = (char) value;
        dirtySectors.set(cluster / entriesPerSector);
    }

    /**
     * The cluster after {@code cluster} in its chain, or -1 at the end. A link to a free, bad or
     * out-of-range cluster is corruption and throws.
     */
    int next(int cluster) throws IOException {
        int value = entries[cluster];
        if (value >= 0xFFF8) {
            return -1;
        }
        if (value == BAD_CLUSTER) {
            throw new IOException("corrupt FAT16 volume: cluster " + cluster + " links to a cluster marked bad");
        }
        if (value == 0) {
            throw new IOException("corrupt FAT16 volume: cluster " + cluster + " is in a chain but marked free");
        }
        if (!isDataCluster(value)) {
            throw new IOException("corrupt FAT16 volume: cluster " + cluster + " links to " + value
                    + ", outside the data clusters 2.." + (clusterCount + 1));
        }
        return value;
    }

    /** Takes a free cluster, marks it as a chain's end, and returns it; -1 when the volume is full. */
    int allocate() {
        if (freeCount == 0) {
            return -1;
        }
        int limit = clusterCount + 2;
        for (int i = 0, c = Math.max(2, nextFreeHint); i < clusterCount; i++, c++) {
            if (c >= limit) {
                c = 2;
            }
            if (entries[c] == 0) {
                set(c, END_OF_CHAIN);
                nextFreeHint = c + 1;
                return c;
            }
        }
        throw new IllegalStateException("free count " + freeCount + " but no free cluster found");
    }

    boolean hasDirtySectors() {
        return !dirtySectors.isEmpty();
    }

    /** The FAT sectors changed since the last {@link #clearDirty}, as runs of consecutive sector indexes. */
    BitSet dirtySectors() {
        return (BitSet) dirtySectors.clone();
    }

    void clearDirty() {
        dirtySectors.clear();
    }

    /** Whether sector {@code s} allocates clusters that are free on disk. */
    boolean hasNewAllocations(int s) {
        for (int i = s * entriesPerSector; i < (s + 1) * entriesPerSector; i++) {
            if (onDisk[i] == 0 && entries[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether sector {@code s} still differs from the disk in any other way (links, frees, flags). */
    boolean hasOtherChanges(int s) {
        for (int i = s * entriesPerSector; i < (s + 1) * entriesPerSector; i++) {
            if (onDisk[i] != entries[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sector {@code s} as the disk holds it plus only the newly allocated clusters: writing this can
     * at worst leak clusters, never redirect an existing chain. Records those entries as written.
     */
    ByteBuffer newAllocationBytes(int s) {
        ByteBuffer b = ByteBuffer.allocate(entriesPerSector * 2).order(ByteOrder.LITTLE_ENDIAN);
        int start = s * entriesPerSector;
        for (int i = 0; i < entriesPerSector; i++) {
            int e = start + i;
            if (onDisk[e] == 0 && entries[e] != 0) {
                onDisk[e] = entries[e];
            }
            b.putChar(i * 2, onDisk[e]);
        }
        return b;
    }

    /** Sector {@code s} as it is in memory; records it as written. */
    ByteBuffer currentBytes(int s) {
        ByteBuffer b = ByteBuffer.allocate(entriesPerSector * 2).order(ByteOrder.LITTLE_ENDIAN);
        int start = s * entriesPerSector;
        for (int i = 0; i < entriesPerSector; i++) {
            onDisk[start + i] = entries[start + i];
            b.putChar(i * 2, entries[start + i]);
        }
        return b;
    }
}

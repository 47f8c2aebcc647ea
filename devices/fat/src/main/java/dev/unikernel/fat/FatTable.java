package dev.unikernel.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole file allocation table, held in memory: FAT16's is at most 128 KiB, FAT32's takes 4 bytes
 * per cluster (8 MiB for 8 GiB of 4 KiB clusters). It knows the free count and a next-free hint, so
 * allocation never scans the table from the start, and it tracks which of its sectors changed so that
 * only those are written back.
 *
 * <p>FAT32 entries are 28 bits: the upper 4 bits are reserved, kept as read and written back
 * unchanged (fatgen103); {@link #get} and {@link #set} see only the low 28.
 */
final class FatTable {

    /** FAT[1] flags (FAT16 bits 15 and 14, FAT32 bits 27 and 26): clean unmount, no I/O error. */
    final int cleanBit;
    final int noErrorBit;
    /** The end-of-chain mark this table writes, and the bad-cluster mark. */
    final int endOfChain;
    final int badCluster;
    /** "FAT16" or "FAT32", for messages. */
    final FatType type;

    private final int[] entries;
    /** Per dirty sector, what the disk holds (as far as this mount wrote or read it), to order writes safely. */
    private final Map<Integer, int[]> onDisk = new HashMap<>();
    private final int mask;
    private final int entryBytes;
    private final int clusterCount;
    private final int entriesPerSector;
    private final BitSet dirtySectors = new BitSet();
    /** Clusters allocated since the FAT was last written: free on disk, or free only in memory so far. */
    private final BitSet allocatedSinceWrite = new BitSet();
    private int freeCount;
    private int nextFreeHint = 2;

    private FatTable(FatType type, int[] entries, int clusterCount, int entriesPerSector) {
        boolean fat32 = type == FatType.FAT32;
        this.type = type;
        this.mask = fat32 ? 0x0FFFFFFF : 0xFFFF;
        this.entryBytes = fat32 ? 4 : 2;
        this.cleanBit = fat32 ? 0x08000000 : 0x8000;
        this.noErrorBit = fat32 ? 0x04000000 : 0x4000;
        this.endOfChain = mask;
        this.badCluster = mask - 8;
        this.entries = entries;
        this.clusterCount = clusterCount;
        this.entriesPerSector = entriesPerSector;
        for (int c = 2; c < clusterCount + 2; c++) {
            if ((entries[c] & mask) == 0) {
                // Start the hint at the first free cluster, so a full volume's first allocation does not scan again.
                if (freeCount++ == 0) {
                    nextFreeHint = c;
                }
            }
        }
    }

    /** Reads the FAT of {@code boot}'s layout through {@code reader}, in pieces (a FAT32 FAT can be large). */
    static FatTable read(BootSector boot, FatReader reader) throws IOException {
        int entryBytes = boot.isFat32() ? 4 : 2;
        int entriesPerSector = boot.bytesPerSector() / entryBytes;
        // Only the sectors that hold entries of data clusters: a FAT may be longer than the volume needs.
        long sectorsNeeded = ((long) boot.clusterCount() + 2 + entriesPerSector - 1) / entriesPerSector;
        int sectors = (int) Math.min(boot.sectorsPerFat(), sectorsNeeded);
        int[] entries = new int[sectors * entriesPerSector];
        int chunkSectors = Math.max(1, (1 << 20) / boot.bytesPerSector());
        ByteBuffer chunk = ByteBuffer.allocate(chunkSectors * boot.bytesPerSector()).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < sectors; s += chunkSectors) {
            int n = Math.min(chunkSectors, sectors - s);
            chunk.clear().limit(n * boot.bytesPerSector());
            reader.read(s, chunk);
            int base = s * entriesPerSector;
            for (int i = 0; i < n * entriesPerSector; i++) {
                entries[base + i] = entryBytes == 4 ? chunk.getInt(i * 4) : chunk.getChar(i * 2);
            }
        }
        return new FatTable(boot.type(), entries, boot.clusterCount(), entriesPerSector);
    }

    int clusterCount() {
        return clusterCount;
    }

    int freeCount() {
        return freeCount;
    }

    /** The free cluster allocation looks at first (FSInfo's next-free hint). */
    int nextFreeHint() {
        return nextFreeHint;
    }

    boolean isDataCluster(int cluster) {
        return cluster >= 2 && cluster < clusterCount + 2;
    }

    boolean isEndOfChain(int value) {
        return value >= (mask & ~7);
    }

    int get(int cluster) {
        return entries[cluster] & mask;
    }

    void set(int cluster, int value) {
        int old = entries[cluster];
        if (cluster >= 2) {
            boolean wasFree = (old & mask) == 0;
            boolean isFree = (value & mask) == 0;
            if (wasFree != isFree) {
                freeCount += isFree ? 1 : -1;
            }
            if (isFree && cluster < nextFreeHint) {
                nextFreeHint = cluster;
            }
        }
        int s = cluster / entriesPerSector;
        if (!dirtySectors.get(s)) {
            int start = s * entriesPerSector;
            onDisk.put(s, java.util.Arrays.copyOfRange(entries, start, start + entriesPerSector));
            dirtySectors.set(s);
        }
        entries[cluster] = (old & ~mask) | (value & mask);
    }

    /**
     * The cluster after {@code cluster} in its chain, or -1 at the end. A link to a free, bad or
     * out-of-range cluster is corruption and throws.
     */
    int next(int cluster) throws IOException {
        int value = get(cluster);
        if (isEndOfChain(value)) {
            return -1;
        }
        if (value == badCluster) {
            throw new IOException(type.corrupt() + "cluster " + cluster + " links to a cluster marked bad");
        }
        if (value == 0) {
            throw new IOException(type.corrupt() + "cluster " + cluster + " is in a chain but marked free");
        }
        if (!isDataCluster(value)) {
            throw new IOException(type.corrupt() + "cluster " + cluster + " links to " + value
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
            if ((entries[c] & mask) == 0) {
                set(c, endOfChain);
                allocatedSinceWrite.set(c);
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
        onDisk.clear();
        allocatedSinceWrite.clear();
    }

    /**
     * Whether entry {@code i} of sector {@code s} belongs to a newly allocated cluster: free on disk, or
     * allocated since the last write. The second kind may still hold the link of a deleted chain on
     * disk (its free mark had not been written yet): that chain's entry is gone from disk, so rewriting
     * the cluster's entry first is as safe as for a free one, and it must go first, or a crash could keep
     * the new link into the cluster but not its new end mark and run the chain on into old clusters.
     */
    private boolean isNewAllocation(int[] disk, int s, int i) {
        int cluster = s * entriesPerSector + i;
        return allocatedSinceWrite.get(cluster) ? disk[i] != entries[cluster]
                : (disk[i] & mask) == 0 && (entries[cluster] & mask) != 0;
    }

    /** Whether sector {@code s} allocates clusters (see {@link #isNewAllocation}). */
    boolean hasNewAllocations(int s) {
        int[] disk = onDisk.get(s);
        for (int i = 0; disk != null && i < entriesPerSector; i++) {
            if (isNewAllocation(disk, s, i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether sector {@code s} still differs from the disk in any other way (links, frees, flags). */
    boolean hasOtherChanges(int s) {
        int[] disk = onDisk.get(s);
        return disk != null && !java.util.Arrays.equals(disk, 0, entriesPerSector, entries, s * entriesPerSector,
                (s + 1) * entriesPerSector);
    }

    /**
     * Sector {@code s} as the disk holds it plus only the newly allocated clusters: writing this can
     * at worst leak clusters, never redirect a chain a live entry on disk describes. Records those
     * entries as written.
     */
    ByteBuffer newAllocationBytes(int s) {
        int[] disk = onDisk.get(s);
        int start = s * entriesPerSector;
        for (int i = 0; i < entriesPerSector; i++) {
            if (isNewAllocation(disk, s, i)) {
                disk[i] = entries[start + i];
            }
        }
        return encode(disk, 0);
    }

    /** Sector {@code s} as it is in memory; records it as written. */
    ByteBuffer currentBytes(int s) {
        int start = s * entriesPerSector;
        int[] disk = onDisk.get(s);
        if (disk != null) {
            System.arraycopy(entries, start, disk, 0, entriesPerSector);
        }
        return encode(entries, start);
    }

    private ByteBuffer encode(int[] values, int start) {
        ByteBuffer b = ByteBuffer.allocate(entriesPerSector * entryBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < entriesPerSector; i++) {
            if (entryBytes == 4) {
                b.putInt(i * 4, values[start + i]);
            } else {
                b.putChar(i * 2, (char) values[start + i]);
            }
        }
        return b;
    }

    /** Reads {@code dst.remaining()} bytes of the active FAT starting at its sector {@code sector}. */
    @FunctionalInterface
    interface FatReader {
        void read(long sector, ByteBuffer dst) throws IOException;
    }
}

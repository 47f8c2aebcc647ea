package dev.unikernel.fat;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A mounted FAT16 or FAT32 volume: the device, its geometry, the in-memory FAT and the root node, one
 * read-write lock that every operation takes (readers share it, writers exclude), and the ordering of
 * writes that keeps the disk consistent across a crash.
 *
 * <p>Crash ordering. File data goes straight to its clusters; the FAT sectors and directory entries
 * describing it are written only at a barrier ({@link #sync}): write the FAT (new allocations, flush,
 * then the links into them), flush, then write the pending directory entries, flush. Data, directory
 * entries of deletions and new allocations share the first flush: none of them is reachable before
 * the links and entries written after it. Clusters of deleted files are freed only after a barrier made the
 * deletion durable, and their free marks reach the disk one barrier after the end-of-chain marks that
 * cut them off. A crash therefore leaves at worst lost clusters, or a chain longer than the file's
 * recorded size, both of which fsck reclaims; {@code CrashTest} checks this against fsck.fat.
 */
final class Volume {

    /** Pending files beyond which a close forces a barrier, to bound memory and the work a crash loses. */
    private static final int MAX_PENDING = 256;

    final BlockDevice device;
    final BootSector boot;
    final boolean readOnly;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final FatTable fat;
    final Node root;
    final int clusterBytes;
    final int deviceSectorSize;
    private final long dataStartByte;
    private final Set<Node> pendingEntries = new LinkedHashSet<>();
    private final List<Integer> pendingFree = new ArrayList<>();
    /** A rename a crash interrupted that this read-only mount shows finished; null when there is none. */
    private RenameRecovery renameRecovery;
    private boolean closed;

    private Volume(BlockDevice device, BootSector boot, FatTable fat, boolean readOnly) {
        this.device = device;
        this.boot = boot;
        this.fat = fat;
        this.readOnly = readOnly;
        this.clusterBytes = boot.clusterBytes();
        this.deviceSectorSize = device.sectorSize();
        this.dataStartByte = boot.firstDataSector() * boot.bytesPerSector();
        this.root = new Node();
        root.name = "";
        root.shortName = "";
        root.attributes = DirectoryEntry.ATTR_DIRECTORY;
        root.firstCluster = boot.rootCluster();
    }

    static Volume mount(BlockDevice device, boolean readOnly) throws IOException {
        int deviceSector = device.sectorSize();
        ByteBuffer first = ByteBuffer.allocate(Math.max(deviceSector, 512));
        if (device.sectorCount() * deviceSector < 512) {
            throw new IOException("not a FAT volume: the device holds only " + device.sizeInBytes() + " bytes");
        }
        device.read(0, first.limit(Math.max(deviceSector, 512) / deviceSector * deviceSector));
        BootSector boot = BootSector.parse(first.flip(), device.sizeInBytes());
        if (boot.bytesPerSector() < deviceSector || boot.bytesPerSector() % deviceSector != 0) {
            throw new IOException("the " + boot.type() + " volume uses " + boot.bytesPerSector() + "-byte sectors but the device's sectors are "
                    + deviceSector + " bytes; mount it on a device with " + boot.bytesPerSector() + "-byte or smaller sectors");
        }
        int bps = boot.bytesPerSector();
        FatTable fat = FatTable.read(boot, (s, dst) -> device.read((boot.firstFatSector() + s) * bps / deviceSector, dst));
        Volume volume = new Volume(device, boot, fat, readOnly || device.isReadOnly());
        boolean wasClean = (fat.get(1) & fat.cleanBit) != 0;
        if (!volume.readOnly) {
            // Mark the volume in use: a crash before close leaves the dirty bit for fsck to see, and an
            // FSInfo that says "unknown" rather than figures this mount is about to change.
            fat.set(1, fat.get(1) & ~fat.cleanBit);
            volume.writeDirtyFat();
            volume.writeFsInfo(FsInfo.UNKNOWN, FsInfo.UNKNOWN);
            device.flush();
        }
        volume.renameRecovery = RenameRecovery.atMount(volume, wasClean);
        return volume;
    }

    // ---- byte-addressed device I/O (offsets and lengths are multiples of the device sector) ----

    void read(long byteOffset, ByteBuffer dst) throws IOException {
        device.read(byteOffset / deviceSectorSize, dst);
    }

    void write(long byteOffset, ByteBuffer src) throws IOException {
        device.write(byteOffset / deviceSectorSize, src);
    }

    long clusterOffset(int cluster) {
        return dataStartByte + (long) (cluster - 2) * clusterBytes;
    }

    /** FAT16's root directory: fixed in place and size, outside the clusters. FAT32's is a cluster chain. */
    boolean hasFixedRoot() {
        return !boot.isFat32();
    }

    long rootOffset() {
        return boot.firstRootSector() * boot.bytesPerSector();
    }

    int rootBytes() {
        return boot.rootEntries() * DirectoryEntry.SIZE;
    }

    /** Shows, in a directory's freshly read slots, a rename this read-only mount finishes from memory. */
    void applyRenameRecovery(int directoryCluster, byte[] slots) {
        if (renameRecovery != null) {
            renameRecovery.applyTo(directoryCluster, slots);
        }
    }

    // ---- state checks ----

    void checkOpen() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    void checkWritable() throws IOException {
        checkOpen();
        if (readOnly) {
            throw new java.nio.file.ReadOnlyFileSystemException();
        }
    }

    boolean isClosed() {
        return closed;
    }

    // ---- clusters ----

    /** Allocates one cluster marked end-of-chain; runs a barrier to reclaim deleted files' clusters if needed. */
    int allocateCluster() throws IOException {
        int c = fat.allocate();
        if (c < 0 && !pendingFree.isEmpty()) {
            sync();
            c = fat.allocate();
        }
        if (c < 0) {
            throw new VolumeFullException();
        }
        return c;
    }

    /** Free clusters, counting those of deleted files that the next barrier releases. */
    long freeClusters() {
        return fat.freeCount() + (long) pendingFree.size();
    }

    /**
     * Calls {@code visitor} for every cluster of the chain starting at {@code first}; a chain longer
     * than the volume's cluster count is a loop and throws instead of running forever.
     */
    void walkChain(int first, ChainVisitor visitor) throws IOException {
        if (first == 0) {
            return;
        }
        checkDataCluster(first);
        int steps = 0;
        for (int c = first; c != -1; c = fat.next(c)) {
            if (++steps > fat.clusterCount()) {
                throw new IOException(boot.type().corrupt() + "the cluster chain starting at " + first + " loops");
            }
            visitor.visit(c);
        }
    }

    void checkDataCluster(int cluster) throws IOException {
        if (!fat.isDataCluster(cluster)) {
            throw new IOException(boot.type().corrupt() + "directory entry points to cluster " + cluster
                    + ", outside the data clusters 2.." + (fat.clusterCount() + 1));
        }
    }

    /** Hands a chain to the next barrier to free (after the entry that pointed to it is durable). */
    void releaseChain(int first) throws IOException {
        List<Integer> chain = new ArrayList<>();
        walkChain(first, chain::add);
        pendingFree.addAll(chain);
    }

    /** Frees clusters at once: only for clusters that no on-disk entry can point to. */
    void freeNow(int first) throws IOException {
        List<Integer> chain = new ArrayList<>();
        walkChain(first, chain::add);
        for (int c : chain) {
            fat.set(c, 0);
        }
    }

    // ---- barriers ----

    /** Remembers that {@code node}'s directory entry must be rewritten at the next barrier. */
    void markPending(Node node) {
        pendingEntries.add(node);
    }

    void forgetPending(Node node) {
        pendingEntries.remove(node);
    }

    boolean isPending(Node node) {
        return pendingEntries.contains(node);
    }

    /** A barrier after a close, when enough work has piled up. */
    void syncIfBacklogged() throws IOException {
        if (pendingEntries.size() > MAX_PENDING || pendingFree.size() > 4 * MAX_PENDING) {
            sync();
        }
    }

    /** Makes every completed operation durable, in the crash-safe order. Needs the write lock. */
    void sync() throws IOException {
        if (readOnly || closed) {
            return;
        }
        // Clusters of entries deleted or truncated before this barrier: their entries are durable after
        // its first flush. They are freed in memory after this barrier's FAT write, so the free marks
        // reach the disk one barrier after the end-of-chain marks that cut them off.
        List<Integer> toFree = new ArrayList<>(pendingFree);
        pendingFree.clear();
        // Data and new allocations need no flush between them (an allocation alone only leaks), so a
        // new file's commit is two flushes, not three: FAT with data, then its entry.
        if (fat.hasDirtySectors()) {
            writeDirtyFat();
        }
        device.flush();
        if (!pendingEntries.isEmpty()) {
            for (Node node : pendingEntries) {
                if (!node.deleted && node.parent != null) {
                    node.parent.writeEntry(node);
                }
            }
            pendingEntries.clear();
            device.flush();
        }
        for (int c : toFree) {
            fat.set(c, 0);
        }
    }

    /**
     * Writes the changed FAT sectors to every FAT copy in two steps, because the device may reorder
     * writes between flushes: first the entries of newly allocated clusters (alone they only leak),
     * flush, then the links into them, frees and flags. A chain on disk thus never runs into a cluster
     * that is free on disk.
     */
    void writeDirtyFat() throws IOException {
        if (!fat.hasDirtySectors()) {
            return;
        }
        BitSet dirty = fat.dirtySectors();
        boolean wroteNew = false;
        for (int s = dirty.nextSetBit(0); s >= 0; s = dirty.nextSetBit(s + 1)) {
            if (fat.hasNewAllocations(s)) {
                writeFatSector(s, fat.newAllocationBytes(s));
                wroteNew = true;
            }
        }
        boolean flushed = false;
        for (int s = dirty.nextSetBit(0); s >= 0; s = dirty.nextSetBit(s + 1)) {
            if (fat.hasOtherChanges(s)) {
                if (wroteNew && !flushed) {
                    device.flush();
                    flushed = true;
                }
                writeFatSector(s, fat.currentBytes(s));
            }
        }
        fat.clearDirty();
    }

    private void writeFatSector(int s, ByteBuffer bytes) throws IOException {
        int bps = boot.bytesPerSector();
        for (int copy = 0; copy < boot.fatCount(); copy++) {
            if (boot.mirrored() || copy == boot.activeFat()) {
                write((boot.fatSector(copy) + s) * bps, bytes.clear());
            }
        }
    }

    /** Rewrites FAT32's FSInfo sector (when the volume has one) with these figures. */
    private void writeFsInfo(long freeCount, long nextFree) throws IOException {
        if (boot.fsInfoSector() == 0) {
            return;
        }
        long offset = (long) boot.fsInfoSector() * boot.bytesPerSector();
        ByteBuffer sector = ByteBuffer.allocate(boot.bytesPerSector());
        read(offset, sector);
        if (!FsInfo.isValid(sector.flip())) {
            return; // not an FSInfo sector: leave whatever it is alone
        }
        write(offset, FsInfo.encode(boot.bytesPerSector(), freeCount, nextFree));
    }

    /** Flushes everything and marks the volume clean; the device stays open (its owner closes it). */
    void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (!readOnly) {
                sync();
                fat.set(1, fat.get(1) | fat.cleanBit);
                writeDirtyFat();
                // Every free is on disk now (sync freed in memory, this wrote it): the figures are exact.
                writeFsInfo(fat.freeCount(), fat.nextFreeHint());
                device.flush();
            }
        } finally {
            closed = true;
        }
    }

    /** A step of {@link #walkChain}. */
    @FunctionalInterface
    interface ChainVisitor {
        void visit(int cluster) throws IOException;
    }
}

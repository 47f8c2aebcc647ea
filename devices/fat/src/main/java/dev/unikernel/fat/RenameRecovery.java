package dev.unikernel.fat;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Finishes, at mount, a rename that a crash interrupted (see {@link EntryMove} for the steps). Only
 * the root directory is read to find the {@link RenameIntent} (FAT16's fixed area, FAT32's chain), so
 * the cost of a mount does not grow with the volume. The intent is acted on only when the volume was not cleanly unmounted and
 * every slot it names still holds what the rename wrote: the old entry removed (step 2 done), the new
 * entry still hidden, the file's first cluster allocated. Then the new entry is made live (and a moved
 * directory's ".." set to its new parent). A read-write mount writes that and clears the intent; a
 * read-only mount shows the finished rename from memory and writes nothing.
 */
final class RenameRecovery {

    /** The hidden entry a read-only mount shows as live: directory (first cluster), first slot, live first bytes. */
    private final int directory;
    private final int firstSlot;
    private final byte[] liveFirstBytes;

    private RenameRecovery(int directory, int firstSlot, byte[] liveFirstBytes) {
        this.directory = directory;
        this.firstSlot = firstSlot;
        this.liveFirstBytes = liveFirstBytes;
    }

    /**
     * Looks for an intent in the root directory and deals with it; returns what a read-only mount must
     * show from memory, or null. {@code wasClean}: the volume's clean bit was set before this mount.
     */
    static RenameRecovery atMount(Volume volume, boolean wasClean) throws IOException {
        byte[] root = readRoot(volume);
        RenameRecovery shown = null;
        for (int slot = 0; slot < root.length / DirectoryEntry.SIZE; slot++) {
            int p = slot * DirectoryEntry.SIZE;
            if (root[p] == DirectoryEntry.END) {
                break;
            }
            RenameIntent intent = RenameIntent.decode(root, p);
            if (intent == null) {
                continue;
            }
            // A clean volume has no rename in progress: an intent there is stale (another tool repaired
            // the volume after a crash, and may have freed or reused the clusters): never act on it.
            byte[] live = wasClean ? null : liveFirstBytes(volume, intent);
            if (volume.readOnly) {
                if (live != null) {
                    shown = new RenameRecovery(intent.targetDirectory(), intent.targetEntrySlot() - intent.targetSlotCount() + 1, live);
                }
                continue;
            }
            if (live != null) {
                revive(volume, intent, live);
                if (intent.movesDirectory()) {
                    setParentOf(volume, intent.firstCluster(), intent.targetDirectory());
                }
                volume.device.flush();
            }
            patchSlot(volume, slotOffset(volume, 0, slot), RenameIntent.cleared());
            volume.device.flush();
        }
        return shown;
    }

    /**
     * The root directory's slots: FAT16's fixed area, or FAT32's cluster chain (up to FAT's limit of
     * {@link Directory#MAX_SLOTS} entries; a damaged chain is left to the directory reader to report).
     */
    static byte[] readRoot(Volume volume) throws IOException {
        if (volume.hasFixedRoot()) {
            byte[] root = new byte[volume.rootBytes()];
            volume.read(volume.rootOffset(), ByteBuffer.wrap(root));
            return root;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int maxClusters = Math.max(1, Directory.MAX_SLOTS * DirectoryEntry.SIZE / volume.clusterBytes);
        try {
            int[] clusters = {0};
            volume.walkChain(volume.root.firstCluster, c -> {
                if (clusters[0]++ < maxClusters) {
                    byte[] cluster = new byte[volume.clusterBytes];
                    volume.read(volume.clusterOffset(c), ByteBuffer.wrap(cluster));
                    out.write(cluster, 0, cluster.length);
                }
            });
        } catch (IOException corrupt) {
            // keep the clusters read before the damage
        }
        return out.toByteArray();
    }

    /** Patches the cached slots of the directory with first cluster {@code directoryCluster} as this recovery shows them. */
    void applyTo(int directoryCluster, byte[] data) {
        if (directoryCluster != directory) {
            return;
        }
        for (int i = 0; i < liveFirstBytes.length; i++) {
            int p = (firstSlot + i) * DirectoryEntry.SIZE;
            if (p < data.length) {
                data[p] = liveFirstBytes[i];
            }
        }
    }

    /**
     * The first bytes that make the intent's hidden entry live, one per slot in disk order, when the
     * rename got past removing the old entry and the disk still holds what the rename wrote; else null.
     */
    private static byte[] liveFirstBytes(Volume volume, RenameIntent intent) throws IOException {
        try {
            if (intent.firstCluster() != 0) {
                if (!volume.fat.isDataCluster(intent.firstCluster())) {
                    return null;
                }
                int link = volume.fat.get(intent.firstCluster());
                if (link == 0 || link == volume.fat.badCluster) {
                    return null; // freed since: the chain is not the file's any more
                }
            }
            byte[] source = readSlot(volume, intent.sourceDirectory(), intent.sourceEntrySlot());
            if (source == null || (source[0] & 0xFF) != DirectoryEntry.FREE
                    || RenameIntent.nameHash(java.util.Arrays.copyOfRange(source, 1, 11)) != intent.sourceNameHash()
                    || DirectoryEntry.cluster(source, 0, volume.boot.type()) != intent.firstCluster()) {
                return null; // the old entry is still live (or the slot holds something else): nothing to finish
            }
            byte[] entry = readSlot(volume, intent.targetDirectory(), intent.targetEntrySlot());
            if (entry == null || entry[11] == LongNameSlots.ATTRIBUTE
                    || DirectoryEntry.cluster(entry, 0, volume.boot.type()) != intent.firstCluster()
                    || ((entry[0] & 0xFF) != DirectoryEntry.FREE && (entry[0] & 0xFF) != intent.targetFirstByte())) {
                return null;
            }
            entry[0] = (byte) intent.targetFirstByte();
            int checksum = ShortNames.checksum(entry, 0);
            int longSlots = intent.targetSlotCount() - 1;
            byte[] live = new byte[intent.targetSlotCount()];
            for (int i = 0; i < longSlots; i++) {
                int ordinal = longSlots - i;
                byte liveByte = (byte) (ordinal | (i == 0 ? LongNameSlots.LAST_FLAG : 0));
                byte[] slot = readSlot(volume, intent.targetDirectory(), intent.targetEntrySlot() - longSlots + i);
                if (slot == null || slot[11] != LongNameSlots.ATTRIBUTE || (slot[13] & 0xFF) != checksum
                        || ((slot[0] & 0xFF) != DirectoryEntry.FREE && slot[0] != liveByte)) {
                    return null;
                }
                live[i] = liveByte;
            }
            live[longSlots] = (byte) intent.targetFirstByte();
            return live;
        } catch (IOException corrupt) {
            return null; // a directory chain the intent names is damaged: leave the volume to fsck
        }
    }

    /**
     * Writes the live first bytes: the short entry's sector first (with the long-name slots that share
     * it), then the others, as {@link Directory#add} orders them.
     */
    private static void revive(Volume volume, RenameIntent intent, byte[] live) throws IOException {
        int firstSlot = intent.targetEntrySlot() - live.length + 1;
        long[] offsets = new long[live.length];
        for (int i = 0; i < live.length; i++) {
            offsets[i] = slotOffset(volume, intent.targetDirectory(), firstSlot + i);
        }
        long entrySector = offsets[live.length - 1] / volume.deviceSectorSize;
        patchSector(volume, entrySector, offsets, live);
        java.util.Set<Long> others = new java.util.TreeSet<>();
        for (long offset : offsets) {
            if (offset / volume.deviceSectorSize != entrySector) {
                others.add(offset / volume.deviceSectorSize);
            }
        }
        if (!others.isEmpty()) {
            volume.device.flush();
            for (long sector : others) {
                patchSector(volume, sector, offsets, live);
            }
        }
    }

    /** Sets, in one write of device sector {@code sector}, the first byte of every listed slot that lies in it. */
    private static void patchSector(Volume volume, long sector, long[] offsets, byte[] firstBytes) throws IOException {
        long start = sector * volume.deviceSectorSize;
        ByteBuffer bytes = readSector(volume, start);
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] / volume.deviceSectorSize == sector) {
                bytes.put((int) (offsets[i] - start), firstBytes[i]);
            }
        }
        volume.write(start, bytes.clear());
    }

    /** Points the ".." entry of the directory at {@code cluster} to {@code parent} (0: the root). */
    private static void setParentOf(Volume volume, int cluster, int parent) throws IOException {
        long p = volume.clusterOffset(cluster) + DirectoryEntry.SIZE;
        byte[] dots = readAt(volume, p);
        if (dots[0] == '.' && dots[1] == '.') {
            DirectoryEntry.putCluster(dots, 0, parent);
            patchSlot(volume, p, dots);
        }
    }

    private static byte[] readSlot(Volume volume, int directory, int slot) throws IOException {
        long p = slotOffset(volume, directory, slot);
        return p < 0 ? null : readAt(volume, p);
    }

    /** The byte offset of slot {@code slot} of the directory with first cluster {@code directory}; -1 if it has no such slot. */
    private static long slotOffset(Volume volume, int directory, int slot) throws IOException {
        long within = (long) slot * DirectoryEntry.SIZE;
        if (directory == 0 && volume.hasFixedRoot()) {
            return within < volume.rootBytes() ? volume.rootOffset() + within : -1;
        }
        if (directory == 0) {
            directory = volume.root.firstCluster; // FAT32: ".." and intents name the root 0, its chain starts here
        }
        if (!volume.fat.isDataCluster(directory)) {
            return -1;
        }
        long skip = within / volume.clusterBytes;
        int cluster = directory;
        for (long k = 0; k < skip; k++) {
            cluster = volume.fat.next(cluster);
            if (cluster < 0) {
                return -1;
            }
        }
        return volume.clusterOffset(cluster) + within % volume.clusterBytes;
    }

    private static byte[] readAt(Volume volume, long byteOffset) throws IOException {
        ByteBuffer sector = readSector(volume, byteOffset);
        byte[] slot = new byte[DirectoryEntry.SIZE];
        sector.get((int) (byteOffset % volume.deviceSectorSize), slot);
        return slot;
    }

    private static void patchSlot(Volume volume, long byteOffset, byte[] slot) throws IOException {
        ByteBuffer sector = readSector(volume, byteOffset);
        sector.put((int) (byteOffset % volume.deviceSectorSize), slot);
        volume.write(byteOffset / volume.deviceSectorSize * volume.deviceSectorSize, sector.clear());
    }

    private static ByteBuffer readSector(Volume volume, long byteOffset) throws IOException {
        ByteBuffer sector = ByteBuffer.allocate(volume.deviceSectorSize);
        volume.read(byteOffset / volume.deviceSectorSize * volume.deviceSectorSize, sector);
        return sector.clear();
    }
}

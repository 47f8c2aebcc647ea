package dev.unikernel.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory's contents, cached: the raw 32-byte slots exactly as on disk, and the nodes decoded
 * from them, indexed by case-insensitive long name and by 8.3 name. Changes edit the cached slots and
 * write only the device sectors they touch, so a batch of creates in one large directory costs the
 * same per file however many files the directory holds. Needs the volume's write lock to change.
 */
final class Directory {

    /** FAT limits a directory to 65536 slots (2 MiB). */
    static final int MAX_SLOTS = 65536;

    final Volume volume;
    final Node owner;
    /** The directory's slots; grows by whole clusters for subdirectories (the array by doubling). */
    private byte[] data;
    /** Bytes of {@link #data} in use: the directory's size on disk. */
    private int length;
    /** The clusters holding {@link #data}, in order; empty for FAT16's fixed root directory. */
    private final List<Integer> clusters = new ArrayList<>();
    private final Map<String, Node> byName = new LinkedHashMap<>();
    private final Map<String, Node> byShortName = new HashMap<>();
    /** Slots from here on are unused (the first 0x00 entry). */
    private int endSlot;
    /** No free slot below this index. */
    private int freeHint;
    /** Slots that read as free on disk but are taken: a rename's hidden new entry, its intent record. */
    private final java.util.BitSet held = new java.util.BitSet();

    private Directory(Volume volume, Node owner) {
        this.volume = volume;
        this.owner = owner;
    }

    static Directory load(Volume volume, Node owner) throws IOException {
        Directory dir = new Directory(volume, owner);
        if (owner.isRoot() && volume.hasFixedRoot()) {
            dir.data = new byte[volume.rootBytes()];
            dir.length = dir.data.length;
            volume.read(volume.rootOffset(), ByteBuffer.wrap(dir.data));
        } else {
            if (owner.firstCluster == 0) {
                throw new IOException(volume.boot.type().corrupt() + "directory " + owner.path() + " has no clusters");
            }
            int maxClusters = Math.max(1, MAX_SLOTS * DirectoryEntry.SIZE / volume.clusterBytes);
            volume.walkChain(owner.firstCluster, c -> {
                if (dir.clusters.size() >= maxClusters) {
                    throw new IOException(volume.boot.type().corrupt() + "directory " + owner.path()
                            + " is longer than FAT's limit of " + MAX_SLOTS + " entries");
                }
                dir.clusters.add(c);
            });
            dir.data = new byte[dir.clusters.size() * volume.clusterBytes];
            dir.length = dir.data.length;
            for (int i = 0; i < dir.clusters.size(); i++) {
                volume.read(volume.clusterOffset(dir.clusters.get(i)),
                        ByteBuffer.wrap(dir.data, i * volume.clusterBytes, volume.clusterBytes));
            }
        }
        volume.applyRenameRecovery(dir.firstCluster(), dir.data);
        dir.decode();
        return dir;
    }

    private void decode() {
        int slots = length / DirectoryEntry.SIZE;
        char[] longName = null;
        int longStart = -1;
        int expected = 0;
        int checksum = -1;
        endSlot = slots;
        for (int i = 0; i < slots; i++) {
            int p = i * DirectoryEntry.SIZE;
            int first = data[p] & 0xFF;
            if (first == DirectoryEntry.END) {
                endSlot = i;
                // Anything after the end marker is unused: keep it zero so new entries never expose stale bytes.
                java.util.Arrays.fill(data, p, length, (byte) 0);
                break;
            }
            int attr = data[p + 11] & 0xFF;
            if (first == DirectoryEntry.FREE) {
                longName = null;
                continue;
            }
            if (attr == LongNameSlots.ATTRIBUTE) {
                int ordinal = first & 0x1F;
                if ((first & LongNameSlots.LAST_FLAG) != 0 && ordinal > 0 && ordinal <= 20) {
                    longName = new char[ordinal * LongNameSlots.UNITS_PER_SLOT];
                    longStart = i;
                    expected = ordinal;
                    checksum = data[p + 13] & 0xFF;
                    LongNameSlots.decodeInto(data, p, longName);
                    expected--;
                } else if (longName != null && ordinal == expected && (data[p + 13] & 0xFF) == checksum) {
                    LongNameSlots.decodeInto(data, p, longName);
                    expected--;
                } else {
                    longName = null; // an orphan or out-of-order slot: ignore it, as fsck would
                }
                continue;
            }
            if ((attr & DirectoryEntry.ATTR_VOLUME_ID) != 0 || first == '.') {
                longName = null; // the volume label, and "." / ".." which the path layer resolves itself
                continue;
            }
            Node node = new Node();
            node.parent = this;
            node.shortName = new String(data, p, 11, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (first == 0x05) {
                node.shortName = (char) 0xE5 + node.shortName.substring(1);
            }
            node.attributes = attr;
            node.ntFlags = data[p + 12] & 0xFF;
            node.created = DosTime.toMillis(DirectoryEntry.getShort(data, p + 16), DirectoryEntry.getShort(data, p + 14), data[p + 13] & 0xFF);
            node.accessed = DosTime.toMillis(DirectoryEntry.getShort(data, p + 18), 0, 0);
            node.modified = DosTime.toMillis(DirectoryEntry.getShort(data, p + 24), DirectoryEntry.getShort(data, p + 22), 0);
            node.firstCluster = DirectoryEntry.cluster(data, p, volume.boot.type());
            node.size = node.isDirectory() ? 0 : DirectoryEntry.getInt(data, p + 28);
            if (longName != null && expected == 0 && ShortNames.checksum(data, p) == checksum) {
                node.name = LongNameSlots.finish(longName);
                node.firstSlot = longStart;
            } else {
                node.name = ShortNames.display(data, p, node.ntFlags);
                node.firstSlot = i;
            }
            node.slotCount = i - node.firstSlot + 1;
            longName = null;
            if (unusableName(node.name)) {
                continue; // corrupt: no path can name it (NUL, '/', "." or ".."); leave it to fsck
            }
            // A corrupt directory may repeat a name; the first one wins, the others stay reachable by 8.3 name.
            byName.putIfAbsent(FatNames.key(node.name), node);
            byShortName.putIfAbsent(node.shortName, node);
        }
        freeHint = 0;
    }

    private static boolean unusableName(String name) {
        return name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0 || name.indexOf('/') >= 0;
    }

    /** The entry named {@code name} (case-insensitive, long or 8.3 name), or null. */
    Node lookup(String name) {
        String key = FatNames.key(name);
        Node node = byName.get(key);
        if (node == null) {
            String form = ShortNames.exactForm(key);
            if (form != null) {
                node = byShortName.get(form);
            }
        }
        return node;
    }

    Collection<Node> children() {
        return byName.values();
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The directory's first cluster as ".." entries and rename intents name it: 0 for the root. */
    int firstCluster() {
        return owner.isRoot() ? 0 : owner.firstCluster;
    }

    /**
     * Adds {@code node} under {@code name}: chooses its 8.3 alias, finds slots, writes them. The node's
     * attributes, times, cluster and size must be set; its name and slot fields are filled in here.
     */
    void add(Node node, String name) throws IOException {
        FatNames.checkStorable(name);
        if (lookup(name) != null) {
            throw new FileAlreadyExistsException(childPath(name));
        }
        String shortName = shortNameFor(name, null);
        int slotCount = slotsFor(name, shortName);
        int first = findSlots(slotCount);
        node.parent = this;
        node.name = name;
        node.shortName = shortName;
        node.ntFlags = 0;
        node.firstSlot = first;
        node.slotCount = slotCount;
        encodeSlots(node, name, shortName, first, slotCount);
        endSlot = Math.max(endSlot, first + slotCount);
        byName.put(FatNames.key(name), node);
        byShortName.put(shortName, node);
        // The short entry's sector first: should a crash keep only part, a short entry without its long
        // name is valid, while long-name slots without their short entry are orphans fsck complains about.
        writeSlots(node.entrySlot(), node.entrySlot() + 1);
        if (!sameSector(first, node.entrySlot())) {
            volume.device.flush();
            writeSlots(first, node.entrySlot());
        }
    }

    /**
     * The 8.3 name for a new entry {@code name}: its exact form when free, else a unique alias.
     * {@code leaving} (may be null) is an entry this one replaces, whose short name counts as free.
     */
    private String shortNameFor(String name, Node leaving) {
        java.util.function.Predicate<String> taken = s -> {
            Node holder = byShortName.get(s);
            return holder != null && holder != leaving;
        };
        String exact = ShortNames.exactForm(name);
        return exact != null && !taken.test(exact) ? exact : ShortNames.alias(name, taken);
    }

    /** Slots an entry named {@code name} with 8.3 name {@code shortName} needs: long-name slots unless the 8.3 name is the name. */
    private static int slotsFor(String name, String shortName) {
        return shortName.equals(ShortNames.exactForm(name)) ? 1 : LongNameSlots.count(name) + 1;
    }

    /** Encodes {@code node}'s long-name slots (if any) and short entry into the cached slots. */
    private void encodeSlots(Node node, String name, String shortName, int first, int slotCount) {
        if (slotCount > 1) {
            LongNameSlots.encode(name, ShortNames.checksum(ShortNames.bytes(shortName), 0), data, first * DirectoryEntry.SIZE);
        }
        DirectoryEntry.encode(node, shortName, data, (first + slotCount - 1) * DirectoryEntry.SIZE);
    }

    /** Marks {@code node}'s slots free and forgets it; its clusters are the caller's business. */
    void remove(Node node) throws IOException {
        remove(node, node);
    }

    /**
     * Frees the slots described by {@code location} (name and slot fields) that the index maps to
     * {@code identity}: a move keeps the node object (open channels hold it) while its old slots go.
     */
    void remove(Node location, Node identity) throws IOException {
        int first = location.firstSlot;
        int last = location.entrySlot();
        for (int i = first; i <= last; i++) {
            data[i * DirectoryEntry.SIZE] = (byte) DirectoryEntry.FREE;
        }
        byName.remove(FatNames.key(location.name), identity);
        byShortName.remove(location.shortName, identity);
        freeHint = Math.min(freeHint, first);
        // Long-name slots first, the short entry last (see add).
        if (!sameSector(first, last)) {
            writeSlots(first, last);
            volume.device.flush();
        }
        writeSlots(last, last + 1);
    }

    /** Rewrites {@code node}'s short entry (size, cluster, times, attributes). */
    void writeEntry(Node node) throws IOException {
        DirectoryEntry.encode(node, data, node.entrySlot() * DirectoryEntry.SIZE);
        writeSlots(node.entrySlot(), node.entrySlot() + 1);
    }

    /**
     * Renames {@code node} within this directory in one device-sector write, when its old slots lie in
     * one sector and that sector has room for the new ones (the old slots count as free). Sector writes
     * are atomic, so a crash leaves the old name or the new one. False, changing nothing, when it cannot.
     */
    boolean renameWithinSector(Node node, String name) throws IOException {
        int first = node.firstSlot;
        int last = node.entrySlot();
        if (!sameSector(first, last)) {
            return false;
        }
        String shortName = shortNameFor(name, node);
        int count = slotsFor(name, shortName);
        int perSector = volume.deviceSectorSize / DirectoryEntry.SIZE;
        int sectorStart = first / perSector * perSector;
        int sectorEnd = Math.min(sectorStart + perSector, length / DirectoryEntry.SIZE);
        int start = -1;
        int run = 0;
        for (int i = sectorStart; i < sectorEnd && start < 0; i++) {
            run = (i >= first && i <= last) || isFree(i) ? run + 1 : 0;
            if (run == count) {
                start = i - count + 1;
            }
        }
        if (start < 0) {
            return false;
        }
        for (int i = first; i <= last; i++) {
            data[i * DirectoryEntry.SIZE] = (byte) DirectoryEntry.FREE;
        }
        for (int i = endSlot; i < start; i++) {
            data[i * DirectoryEntry.SIZE] = (byte) DirectoryEntry.FREE; // the end marker moves past the new slots
        }
        byName.remove(FatNames.key(node.name), node);
        byShortName.remove(node.shortName, node);
        node.ntFlags = 0;
        encodeSlots(node, name, shortName, start, count);
        node.name = name;
        node.shortName = shortName;
        node.firstSlot = start;
        node.slotCount = count;
        endSlot = Math.max(endSlot, start + count);
        freeHint = Math.min(freeHint, first);
        byName.put(FatNames.key(name), node);
        byShortName.put(shortName, node);
        writeSlots(sectorStart, sectorStart + 1);
        return true;
    }

    /** A rename's new entry, written but not yet live: see {@link #hide} and {@link #reveal}. */
    record HiddenEntry(String name, String shortName, int firstSlot, int slotCount, int realFirstByte) {
        int entrySlot() {
            return firstSlot + slotCount - 1;
        }
    }

    /**
     * Writes {@code node}'s entry under {@code name} with every slot's first byte 0xE5: to every FAT
     * reader (fsck.fat included) it is a deleted entry, so the file is not yet under two names. The
     * slots stay taken until {@link #reveal}. The caller checked that {@code name} is free here.
     */
    HiddenEntry hide(Node node, String name) throws IOException {
        FatNames.checkStorable(name);
        String shortName = shortNameFor(name, node);
        int count = slotsFor(name, shortName);
        int first = findSlots(count);
        node.ntFlags = 0;
        encodeSlots(node, name, shortName, first, count);
        int entry = first + count - 1;
        int realFirstByte = data[entry * DirectoryEntry.SIZE] & 0xFF;
        for (int i = first; i <= entry; i++) {
            data[i * DirectoryEntry.SIZE] = (byte) DirectoryEntry.FREE;
        }
        held.set(first, entry + 1);
        endSlot = Math.max(endSlot, entry + 1);
        writeSlots(first, entry + 1);
        return new HiddenEntry(name, shortName, first, count, realFirstByte);
    }

    /** Makes a hidden entry live as {@code node}'s entry: the last step of a rename. */
    void reveal(Node node, HiddenEntry hidden) throws IOException {
        encodeSlots(node, hidden.name(), hidden.shortName(), hidden.firstSlot(), hidden.slotCount());
        held.clear(hidden.firstSlot(), hidden.entrySlot() + 1);
        node.parent = this;
        node.name = hidden.name();
        node.shortName = hidden.shortName();
        node.firstSlot = hidden.firstSlot();
        node.slotCount = hidden.slotCount();
        byName.put(FatNames.key(node.name), node);
        byShortName.put(node.shortName, node);
        // The short entry's sector first, as in add: a short entry without its long name is valid.
        writeSlots(node.entrySlot(), node.entrySlot() + 1);
        if (!sameSector(node.firstSlot, node.entrySlot())) {
            volume.device.flush();
            writeSlots(node.firstSlot, node.entrySlot());
        }
    }

    /** Takes a free slot for a rename's intent record; -1 when none is free (the fixed root can be full). */
    int holdSpareSlot() {
        int slots = length / DirectoryEntry.SIZE;
        for (int i = freeHint; i < slots; i++) {
            if (isFree(i)) {
                held.set(i);
                return i;
            }
        }
        return -1;
    }

    /** Writes {@code record} (32 bytes) into a slot taken by {@link #holdSpareSlot}. */
    void writeHeldSlot(int slot, byte[] record) throws IOException {
        if (slot > endSlot) {
            for (int i = endSlot; i < slot; i++) {
                data[i * DirectoryEntry.SIZE] = (byte) DirectoryEntry.FREE;
            }
            writeSlots(endSlot, slot);
        }
        System.arraycopy(record, 0, data, slot * DirectoryEntry.SIZE, DirectoryEntry.SIZE);
        endSlot = Math.max(endSlot, slot + 1);
        writeSlots(slot, slot + 1);
    }

    /** Gives back a slot taken by {@link #holdSpareSlot} before anything was written to it. */
    void unhold(int slot) {
        held.clear(slot);
    }

    /** Clears a slot taken by {@link #holdSpareSlot} to a plain deleted entry and gives it back. */
    void releaseHeldSlot(int slot) throws IOException {
        writeHeldSlot(slot, RenameIntent.cleared());
        held.clear(slot);
        freeHint = Math.min(freeHint, slot);
    }

    /** Points this directory's ".." entry at {@code parentCluster} (0 for the root). */
    void setParentCluster(int parentCluster) throws IOException {
        int p = DirectoryEntry.SIZE; // ".." is the second slot
        if ((data[p] & 0xFF) == '.' && (data[p + 1] & 0xFF) == '.') {
            DirectoryEntry.putCluster(data, p, parentCluster);
            writeSlots(1, 2);
        }
    }

    String childPath(String name) {
        String parent = owner.path();
        return parent.endsWith("/") ? parent + name : parent + "/" + name;
    }

    /**
     * A run of {@code count} free slots, inside one device sector when it can be (so the run is written
     * atomically); grows a subdirectory by a zeroed cluster when none is free.
     */
    private int findSlots(int count) throws IOException {
        int perSector = volume.deviceSectorSize / DirectoryEntry.SIZE;
        for (int attempt = 0; attempt < 2; attempt++) {
            int slots = length / DirectoryEntry.SIZE;
            int run = 0;
            int firstFree = -1;
            for (int i = freeHint; i < slots; i++) {
                if (!isFree(i)) {
                    run = 0;
                    continue;
                }
                if (firstFree < 0) {
                    firstFree = i;
                }
                if (run > 0 && count <= perSector && i % perSector == 0) {
                    run = 0; // keep a run that fits in one sector inside one sector
                }
                run++;
                if (run == count) {
                    int start = i - count + 1;
                    if (firstFree == start) {
                        freeHint = start + count;
                    } else {
                        freeHint = firstFree;
                    }
                    markSkippedSlots(start);
                    return start;
                }
            }
            if (firstFree >= 0) {
                freeHint = firstFree;
            }
            grow(count);
        }
        throw new IOException("directory " + owner.path() + " is full");
    }

    private boolean isFree(int slot) {
        return !held.get(slot) && (slot >= endSlot || (data[slot * DirectoryEntry.SIZE] & 0xFF) == DirectoryEntry.FREE);
    }

    /** Slots between the old end marker and a new run become "deleted", so the end marker moves past the run. */
    private void markSkippedSlots(int start) throws IOException {
        if (start > endSlot) {
            int from = endSlot;
            for (int i = from; i < start; i++) {
                data[i * DirectoryEntry.SIZE] = (byte) DirectoryEntry.FREE;
            }
            endSlot = start;
            writeSlots(from, start);
        }
    }

    private void grow(int count) throws IOException {
        if (owner.isRoot() && volume.hasFixedRoot()) {
            throw new IOException("the root directory is full (FAT16 gives it a fixed " + volume.boot.rootEntries()
                    + " entries; long names use several): create a subdirectory");
        }
        int slotsPerCluster = volume.clusterBytes / DirectoryEntry.SIZE;
        int needed = Math.max(1, (count + slotsPerCluster - 1) / slotsPerCluster);
        for (int k = 0; k < needed; k++) {
            if (length / DirectoryEntry.SIZE + slotsPerCluster > MAX_SLOTS) {
                throw new IOException("directory " + owner.path() + " is full (FAT allows " + MAX_SLOTS + " entries)");
            }
            int cluster = volume.allocateCluster();
            // Zero the new cluster and make that durable before the FAT links it into the directory:
            // a linked cluster of stale bytes would read as garbage entries.
            volume.write(volume.clusterOffset(cluster), ByteBuffer.allocate(volume.clusterBytes));
            volume.device.flush();
            volume.fat.set(clusters.getLast(), cluster);
            volume.writeDirtyFat();
            clusters.add(cluster);
            if (length + volume.clusterBytes > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(length + volume.clusterBytes, data.length * 2));
            }
            length += volume.clusterBytes;
        }
    }

    private boolean sameSector(int slotA, int slotB) {
        int perSector = volume.deviceSectorSize / DirectoryEntry.SIZE;
        return slotA / perSector == slotB / perSector;
    }

    /** Writes the device sectors holding slots {@code from..to-1}. */
    private void writeSlots(int from, int to) throws IOException {
        if (from >= to) {
            return;
        }
        int sector = volume.deviceSectorSize;
        long startByte = (long) from * DirectoryEntry.SIZE / sector * sector;
        long endByte = ((long) to * DirectoryEntry.SIZE + sector - 1) / sector * sector;
        for (long b = startByte; b < endByte; ) {
            long diskOffset;
            int length;
            if (owner.isRoot() && volume.hasFixedRoot()) {
                diskOffset = volume.rootOffset() + b;
                length = (int) (endByte - b);
            } else {
                int index = (int) (b / volume.clusterBytes);
                int within = (int) (b % volume.clusterBytes);
                diskOffset = volume.clusterOffset(clusters.get(index)) + within;
                length = (int) Math.min(endByte - b, volume.clusterBytes - within);
            }
            volume.write(diskOffset, ByteBuffer.wrap(data, (int) b, length));
            b += length;
        }
    }
}

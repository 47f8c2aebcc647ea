package dev.unikernel.fat;

import java.io.IOException;
import java.util.Arrays;

/**
 * Moves a directory entry (a rename within or across directories) so that a crash at any point leaves
 * the file under its old name or its new one: never under both, which fsck.fat reports as clusters
 * shared by two files (and, for a directory, a wrong ".."), and never under neither once our library
 * has mounted the volume again.
 *
 * <p>FAT has no atomic rename; only a device-sector write is atomic. When the old and the new entry
 * can share one sector of the same directory, the rename is that one write. Otherwise it takes four
 * steps, each durable (flushed) before the next:
 * <ol>
 * <li>the new entry is written hidden (every slot's first byte 0xE5: a deleted entry to every FAT
 * reader), and a {@link RenameIntent} naming both entries goes into a spare root-directory slot;</li>
 * <li>the old entry is removed. A crash now leaves the chain referenced by no live entry, which
 * fsck.fat reports only as lost clusters, and our next mount finishes the rename
 * ({@link RenameRecovery}). A directory moved to another parent gets its new ".." here, after a
 * flush of its own, while no live entry leads fsck to it;</li>
 * <li>the new entry is made live;</li>
 * <li>the intent is cleared.</li>
 * </ol>
 * The intent lives in the root directory because the root is at a fixed place and of fixed size: a
 * mount finds it without walking the volume. When the root has no spare slot, the rename falls back to
 * writing the new entry live before removing the old one, which a crash can leave under both names.
 */
final class EntryMove {

    private EntryMove() {
    }

    /** Gives {@code node} the name {@code name} in {@code to}; the caller checked that the name is free there. */
    static void move(Volume volume, Node node, Directory to, String name) throws IOException {
        // Before any path: the one-sector rename writes the name without passing Directory.hide's check.
        FatNames.checkStorable(name);
        Directory from = node.parent;
        if (from == to && from.renameWithinSector(node, name)) {
            return;
        }
        Node old = locationOf(node);
        boolean movesDirectory = node.isDirectory() && from != to;
        Directory root = volume.root.directory(volume);
        int intentSlot = root.holdSpareSlot();
        if (intentSlot < 0) {
            moveWithoutIntent(volume, node, old, to, name, movesDirectory);
            return;
        }
        Directory.HiddenEntry hidden;
        try {
            hidden = to.hide(node, name);
        } catch (IOException | RuntimeException e) {
            root.unhold(intentSlot); // nothing written yet
            throw e;
        }
        byte[] oldName = ShortNames.bytes(old.shortName);
        root.writeHeldSlot(intentSlot, new RenameIntent(from.firstCluster(), old.entrySlot(),
                RenameIntent.nameHash(Arrays.copyOfRange(oldName, 1, 11)), to.firstCluster(), hidden.entrySlot(), hidden.slotCount(),
                hidden.realFirstByte(), node.firstCluster, movesDirectory).encode());
        volume.device.flush();
        from.remove(old, node);
        volume.device.flush();
        if (movesDirectory) {
            node.directory(volume).setParentCluster(to.firstCluster());
            volume.device.flush();
        }
        to.reveal(node, hidden);
        volume.device.flush();
        root.releaseHeldSlot(intentSlot);
        volume.device.flush();
    }

    /** The old order, for a full root: new entry durable before the old one goes (both names, never none). */
    private static void moveWithoutIntent(Volume volume, Node node, Node old, Directory to, String name,
            boolean movesDirectory) throws IOException {
        Directory from = node.parent;
        if (from == to && FatNames.key(old.name).equals(FatNames.key(name))) {
            from.remove(node); // a change of case only: the name is its own clash, so the old entry goes first
            to.add(node, name);
            return;
        }
        to.add(node, name);
        volume.device.flush();
        from.remove(old, node);
        if (movesDirectory) {
            node.directory(volume).setParentCluster(to.firstCluster());
        }
    }

    /** A copy of where {@code node}'s entry is now (name and slots), to remove it after the node moved on. */
    private static Node locationOf(Node node) {
        Node old = new Node();
        old.name = node.name;
        old.shortName = node.shortName;
        old.firstSlot = node.firstSlot;
        old.slotCount = node.slotCount;
        return old;
    }
}

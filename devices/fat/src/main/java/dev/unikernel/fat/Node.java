package dev.unikernel.fat;

import java.util.ArrayList;
import java.util.List;

/**
 * A file or directory as the mounted volume knows it: the decoded directory entry, where its slots
 * are in the parent, and the state shared by every channel open on it. Fields are guarded by the
 * volume's lock (read lock to read, write lock to change); {@link #directory} loads lazily under the
 * node's own monitor so that readers can share the read lock.
 */
final class Node {

    /** The containing directory; null for the root. */
    Directory parent;
    /** The name as shown (the long name, or the short name's display form). */
    String name;
    /** The 11-character stored 8.3 form; for the root, empty. */
    String shortName;
    /** Index of the first slot (long-name slots come first) and the number of slots including the short entry. */
    int firstSlot;
    int slotCount;

    int attributes;
    int ntFlags;
    long created;
    long modified;
    long accessed;
    int firstCluster;
    long size;

    /** Chain length in clusters and last cluster, kept for O(1) appends; -1 when not yet known. */
    int chainLength = -1;
    int lastCluster;
    /** Bumped whenever clusters leave the chain, so channels drop their cached positions. */
    int chainVersion;

    int openChannels;
    boolean deleted;
    final List<FatFileLock> locks = new ArrayList<>();

    private Directory directory;

    boolean isDirectory() {
        return (attributes & DirectoryEntry.ATTR_DIRECTORY) != 0;
    }

    boolean isRoot() {
        return parent == null;
    }

    /** The slot index of the short entry. */
    int entrySlot() {
        return firstSlot + slotCount - 1;
    }

    /** This directory's contents, read from the volume on first use. */
    Directory directory(Volume volume) throws java.io.IOException {
        synchronized (this) {
            if (directory == null) {
                checkNotItsOwnAncestor();
                directory = Directory.load(volume, this);
            }
            return directory;
        }
    }

    /**
     * A corrupt volume can give a directory the first cluster of one of its ancestors: an endless
     * tree that recursive walks would follow until the stack runs out. Refuse it as corrupt.
     */
    private void checkNotItsOwnAncestor() throws java.io.IOException {
        int depth = 0;
        for (Directory up = parent; up != null; up = up.owner.parent) {
            if (up.owner.firstCluster == firstCluster && !up.owner.isRoot()) {
                throw new java.io.IOException("corrupt volume: directory " + path() + " is its own ancestor "
                        + up.owner.path() + " (cluster " + firstCluster + ")");
            }
            if (++depth > MAX_DEPTH) {
                throw new java.io.IOException("corrupt volume: directories nested deeper than " + MAX_DEPTH
                        + " levels at " + path());
            }
        }
    }

    /** FAT paths are at most 260 characters, so no real volume nests directories deeper than this. */
    static final int MAX_DEPTH = 130;

    /** The directory if it was already loaded (no I/O). */
    synchronized Directory loadedDirectory() {
        return directory;
    }

    /** Builds this node's path from the root, for messages and {@code toRealPath}. */
    String path() {
        if (parent == null) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (Node n = this; n.parent != null; n = n.parent.owner) {
            sb.insert(0, n.name).insert(0, '/');
        }
        return sb.toString();
    }
}

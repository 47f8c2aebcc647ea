package dev.unikernel.fat;

import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * A snapshot of one entry's attributes for the basic, dos and posix views. POSIX modes are derived:
 * directories 0755, files 0644, minus the write bits when the entry is read-only.
 */
record FatFileAttributes(
        boolean isDirectory, long size, long created, long modified, long accessed, int dosAttributes, Object fileKey)
        implements DosFileAttributes, PosixFileAttributes {

    static FatFileAttributes of(Node node) {
        // A file's identity is where its entry lives; the root has none, so it gets a fixed key.
        Object key = node.isRoot() ? "root" : new EntryKey(node);
        return new FatFileAttributes(node.isDirectory(), node.size, node.created, node.modified, node.accessed,
                node.attributes, key);
    }

    @Override
    public FileTime lastModifiedTime() {
        return FileTime.fromMillis(modified);
    }

    @Override
    public FileTime lastAccessTime() {
        return FileTime.fromMillis(accessed);
    }

    @Override
    public FileTime creationTime() {
        return FileTime.fromMillis(created);
    }

    @Override
    public boolean isRegularFile() {
        return !isDirectory;
    }

    @Override
    public boolean isSymbolicLink() {
        return false;
    }

    @Override
    public boolean isOther() {
        return false;
    }

    @Override
    public boolean isReadOnly() {
        return (dosAttributes & DirectoryEntry.ATTR_READ_ONLY) != 0;
    }

    @Override
    public boolean isHidden() {
        return (dosAttributes & DirectoryEntry.ATTR_HIDDEN) != 0;
    }

    @Override
    public boolean isArchive() {
        return (dosAttributes & DirectoryEntry.ATTR_ARCHIVE) != 0;
    }

    @Override
    public boolean isSystem() {
        return (dosAttributes & DirectoryEntry.ATTR_SYSTEM) != 0;
    }

    @Override
    public UserPrincipal owner() {
        return FatPrincipal.OWNER;
    }

    @Override
    public GroupPrincipal group() {
        return FatPrincipal.GROUP;
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        Set<PosixFilePermission> p = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ);
        if (!isReadOnly() || isDirectory) {
            p.add(PosixFilePermission.OWNER_WRITE);
        }
        if (isDirectory) {
            p.add(PosixFilePermission.OWNER_EXECUTE);
            p.add(PosixFilePermission.GROUP_EXECUTE);
            p.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return p;
    }

    /** Identity of an entry: the node object, which lives as long as the entry is cached. */
    private record EntryKey(Node node) {

        @Override
        public boolean equals(Object o) {
            return o instanceof EntryKey k && k.node == node;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node);
        }
    }
}

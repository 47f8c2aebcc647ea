package dev.unikernel.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks OpenSSH makes of the files that grant access, made before such a file is read: sshd's
 * {@code StrictModes} (authorized_keys and every directory above it) and ssh's refusal of private
 * keys others can read. A file that grants access (authorized_keys) must be owned by this process's
 * user or root and writable by nobody else, and so must every directory on its way, symlinks
 * followed, since whoever may replace a directory entry may replace the file; a private file (a host
 * key, a passphrase, a password hash) must also not be readable by group or others when this
 * process's user owns it (a root-owned file is root's choice, as ssh allows: Kubernetes mounts secrets
 * so). Each refusal is one line naming the file and the fix; a missing file passes, for its reader to report.
 *
 * <p>Two exceptions, both about directories: one writable by all but sticky (as {@code /tmp}, and the
 * tmpfs Kubernetes mounts secrets in) lets nobody else rename or remove our entries, and one writable by
 * a group this process is in (a Kubernetes {@code fsGroup} volume) is writable only by processes given
 * that group. sshd refuses both; here a container's volumes are made so and nothing else can be.
 */
public final class TrustedFiles {

    private static final int GROUP_WRITE = 0020;
    private static final int OTHERS_WRITE = 0002;
    private static final int STICKY = 01000;
    /** The hops a chain of symlinks may take, as the kernel's own limit. */
    private static final int MAX_LINKS = 40;

    private final int uid;
    private final Set<Integer> groups;

    TrustedFiles(int uid, Set<Integer> groups) {
        this.uid = uid;
        this.groups = Set.copyOf(groups);
    }

    /** The checks for this process: its effective uid and groups, from {@code /proc/self/status}. */
    public static TrustedFiles forThisProcess() throws IOException {
        int uid = -1;
        Set<Integer> groups = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            String[] fields = line.split("\\s+");
            if (line.startsWith("Uid:") && fields.length > 2) {
                uid = Integer.parseInt(fields[2]);
            } else if (line.startsWith("Gid:") && fields.length > 2) {
                groups.add(Integer.parseInt(fields[2]));
            } else if (line.startsWith("Groups:")) {
                for (int i = 1; i < fields.length; i++) {
                    groups.add(Integer.parseInt(fields[i]));
                }
            }
        }
        if (uid < 0) {
            throw new IOException("cannot tell this process's user from /proc/self/status");
        }
        return new TrustedFiles(uid, groups);
    }

    /** Refuses {@code file} unless only its owner (this process's user, or root) may change it. */
    public static void checkGrantsAccess(Path file, String what) throws IOException {
        forThisProcess().check(file, what, false);
    }

    /** As {@link #checkGrantsAccess}, and refuses a file of this process's user that others may read. */
    public static void checkPrivate(Path file, String what) throws IOException {
        forThisProcess().check(file, what, true);
    }

    /** Refuses {@code directory} (where a private file is about to be made) if others may change what is in it. */
    public static void checkDirectory(Path directory, String what) throws IOException {
        TrustedFiles files = forThisProcess();
        if (files.posix(directory)) {
            files.checkDirectories(directory.toRealPath(), what, directory);
        }
    }

    void check(Path file, String what, boolean secret) throws IOException {
        if (!posix(file) || Files.notExists(file)) {
            // A missing file is for the reader to report, in its own words.
            return;
        }
        Path current = file.toAbsolutePath();
        for (int hops = 0; ; hops++) {
            if (current.getParent() != null) {
                // Whoever may write a directory on the way may swap the entry (the file or a link) in it.
                checkDirectories(current.getParent().toRealPath(), what, file);
            }
            if (!Files.isSymbolicLink(current)) {
                break;
            }
            if (hops == MAX_LINKS) {
                throw new IOException(what + " " + file + ": too many levels of symbolic links");
            }
            current = current.getParent().resolve(Files.readSymbolicLink(current));
        }
        Path real = file.toRealPath();
        Map<String, Object> attributes = Files.readAttributes(real, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode") & 07777;
        int owner = (Integer) attributes.get("uid");
        String named = what + " " + file + (real.equals(file.toAbsolutePath()) ? "" : " (a link to " + real + ")");
        if (owner != uid && owner != 0) {
            throw new IOException(named + " is owned by uid " + owner + ", neither this process's user (uid " + uid
                    + ") nor root: others could change it (chown " + uid + " " + real + ")");
        }
        if ((mode & (GROUP_WRITE | OTHERS_WRITE)) != 0) {
            throw new IOException(named + " is writable by group or others (mode " + octal(mode)
                    + "): chmod go-w " + real);
        }
        if (secret && owner == uid && (mode & 077) != 0) {
            throw new IOException("permissions " + octal(mode) + " for " + named
                    + " are too open: it must not be accessible by group or others (chmod 600 " + real + ")");
        }
    }

    /** Checks {@code directory} (a real path, no links) and every directory above it. */
    private void checkDirectories(Path directory, String what, Path file) throws IOException {
        for (Path dir = directory; dir != null; dir = dir.getParent()) {
            Map<String, Object> attributes = Files.readAttributes(dir, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) attributes.get("mode") & 07777;
            int owner = (Integer) attributes.get("uid");
            int group = (Integer) attributes.get("gid");
            if (owner != uid && owner != 0) {
                throw new IOException(what + " " + file + " is in directory " + dir + ", owned by uid " + owner
                        + ", neither this process's user (uid " + uid + ") nor root: move the file, or chown "
                        + uid + " " + dir);
            }
            boolean othersMay = (mode & OTHERS_WRITE) != 0 && (mode & STICKY) == 0;
            boolean groupMay = (mode & GROUP_WRITE) != 0 && !groups.contains(group) && (mode & STICKY) == 0;
            if (othersMay || groupMay) {
                throw new IOException(what + " " + file + " is in directory " + dir + ", which group or others may"
                        + " write (mode " + octal(mode) + "): chmod go-w " + dir);
            }
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("unix");
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }

    /** The checks as made for a process of {@code uid} in {@code groups}: for tests. */
    static TrustedFiles of(int uid, List<Integer> groups) {
        return new TrustedFiles(uid, new HashSet<>(groups));
    }
}

package dev.unikernel.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A gzip'ed tar of chosen files under one top directory, reproducible: entries sorted, owned by root,
 * one time, modes 0755 (directories and executables) or 0644, so two builds give the same bytes. Tar,
 * not zip: it keeps the executable bits of {@code bin/<name>}, {@code runtime/bin/java} and
 * {@code run-qemu}, which a Unix user unpacking it needs.
 */
final class TarGzArchive {

    private TarGzArchive() {
    }

    /**
     * Writes {@code archive} holding each of {@code included} (files or whole directories, relative to
     * {@code root}) as {@code top/<path>}; an archive already holding the same bytes is left untouched.
     */
    static void write(Path archive, Path root, List<String> included, String top, Instant time) throws IOException {
        TreeMap<String, Path> entries = new TreeMap<>();
        for (String name : included) {
            Path start = root.resolve(name);
            if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(start)) {
                for (Path path : walk.toList()) {
                    entries.put(top + "/" + root.relativize(path).toString().replace('\\', '/'), path);
                }
            }
            // The directories above a nested file (aot/ above aot/<name>.aot).
            for (Path parent = start.getParent(); !parent.equals(root); parent = parent.getParent()) {
                entries.put(top + "/" + root.relativize(parent), parent);
            }
        }
        entries.put(top, root);
        Files.createDirectories(archive.getParent());
        Path temporary = archive.resolveSibling(archive.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(temporary);
                GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (var entry : entries.entrySet()) {
                add(tar, entry.getKey(), entry.getValue(), time);
            }
            tar.finish();
        }
        if (Files.exists(archive) && Files.mismatch(archive, temporary) == -1) {
            Files.delete(temporary); // same bytes: keep the file and its time
        } else {
            Files.move(temporary, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void add(TarArchiveOutputStream tar, String name, Path path, Instant time) throws IOException {
        TarArchiveEntry entry;
        boolean regular = false;
        if (Files.isSymbolicLink(path)) {
            entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
            entry.setMode(0120777);
        } else if (Files.isDirectory(path)) {
            entry = new TarArchiveEntry(name + "/");
            entry.setMode(040755);
        } else {
            entry = new TarArchiveEntry(name);
            entry.setMode(0100000 | (executable(path) ? 0755 : 0644));
            entry.setSize(Files.size(path));
            regular = true;
        }
        // Not the builder's name, uid or clock: they would make two builds differ.
        entry.setIds(0, 0);
        entry.setUserName("root");
        entry.setGroupName("root");
        entry.setModTime(FileTime.from(time));
        tar.putArchiveEntry(entry);
        if (regular) {
            Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
    }

    private static boolean executable(Path path) throws IOException {
        return Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE);
    }
}

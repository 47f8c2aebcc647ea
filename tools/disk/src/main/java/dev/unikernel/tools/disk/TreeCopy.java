package dev.unikernel.tools.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a file or a directory tree between two file systems (host and image), keeping modification
 * times. An existing file is overwritten only with {@code force}.
 */
record TreeCopy(boolean force, Progress progress) {

    /**
     * Copies {@code source} to {@code target}; when {@code target} is an existing directory the copy goes
     * inside it under the source's name, as {@code cp -r} does.
     */
    void copy(Path source, Path target) throws IOException {
        if (!Files.exists(source)) {
            throw new NoSuchFileException(source.toString());
        }
        if (Files.isDirectory(target) && source.getFileName() != null) {
            target = target.resolve(source.getFileName().toString());
        }
        if (!Files.isDirectory(source)) {
            copyFile(source, target);
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(source)) {
            all = s.toList();
        }
        for (Path p : all) {
            Path t = target;
            for (Path name : source.relativize(p)) {
                if (!name.toString().isEmpty()) {
                    t = t.resolve(name.toString());
                }
            }
            if (Files.isDirectory(p)) {
                Files.createDirectories(t);
            } else {
                copyFile(p, t);
            }
        }
    }

    /** Writes a stream (standard input) to {@code target}, which must name a file. */
    void copy(InputStream in, Path target) throws IOException {
        refuseOverwrite(target);
        try (OutputStream out = Files.newOutputStream(target)) {
            progress.copy(in, out, "-", -1);
        }
    }

    /** Writes the file {@code source} to a stream (standard output). */
    void copy(Path source, OutputStream out) throws IOException {
        if (Files.isDirectory(source)) {
            throw new IOException("is a directory: " + source + " (only a file can go to standard output)");
        }
        try (InputStream in = Files.newInputStream(source)) {
            progress.copy(in, out, source.toString(), Files.size(source));
        }
        out.flush();
    }

    private void copyFile(Path source, Path target) throws IOException {
        refuseOverwrite(target);
        // Streams rather than Files.copy: the two paths belong to different providers.
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = Files.newOutputStream(target)) {
            progress.copy(in, out, source.toString(), Files.size(source));
        }
        Files.setLastModifiedTime(target, Files.getLastModifiedTime(source));
    }

    private void refuseOverwrite(Path target) throws FileAlreadyExistsException {
        if (!force && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "use --force to overwrite it");
        }
        if (Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a directory is in the way");
        }
    }
}

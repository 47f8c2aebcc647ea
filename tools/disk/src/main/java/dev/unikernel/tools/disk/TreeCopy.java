package dev.unikernel.tools.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Copies a file or a directory tree between two file systems (host and image), keeping modification times. */
final class TreeCopy {

    private TreeCopy() {
    }

    /**
     * Copies {@code source} to {@code target}; when {@code target} is an existing directory the copy goes
     * inside it under the source's name, as {@code cp -r} does.
     */
    static void copy(Path source, Path target) throws IOException {
        if (!Files.exists(source)) {
            throw new java.nio.file.NoSuchFileException(source.toString());
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

    private static void copyFile(Path source, Path target) throws IOException {
        // Streams rather than Files.copy: the two paths belong to different providers.
        try (var in = Files.newInputStream(source);
             var out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
        Files.setLastModifiedTime(target, Files.getLastModifiedTime(source));
    }

}

package dev.unikernel.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Makes reproducible jars: sorted entries, one fixed timestamp, no build-dependent manifest lines. */
final class JarWriter {

    /** 2026-01-01T00:00:00Z: every entry's time, so two builds give the same bytes. */
    static final FileTime FIXED_TIME = FileTime.fromMillis(1767225600000L);

    private JarWriter() {
    }

    /** Packs the files under {@code directory} into {@code jar}, replacing it atomically. */
    static void write(Path directory, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Files.createDirectories(jar.getParent());
        Path temporary = jar.resolveSibling(jar.getFileName() + ".tmp");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(temporary); JarOutputStream jarOut = new JarOutputStream(out)) {
            JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
            manifestEntry.setLastModifiedTime(FIXED_TIME);
            jarOut.putNextEntry(manifestEntry);
            manifest.write(jarOut);
            jarOut.closeEntry();
            for (Path file : files) {
                String name = directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                JarEntry entry = new JarEntry(name);
                entry.setLastModifiedTime(FIXED_TIME);
                jarOut.putNextEntry(entry);
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
        Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

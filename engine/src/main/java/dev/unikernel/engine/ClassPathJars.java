package dev.unikernel.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/** Jars as the class path sees them: a modular jar's module-info is ignored there, so tools may drop it. */
final class ClassPathJars {

    private ClassPathJars() {
    }

    /** The jars, with copies in {@code scratch} of those holding a module-info (which the copy lacks). */
    static List<Path> withoutModuleInfo(List<Path> jars, Path scratch) throws IOException {
        List<Path> result = new ArrayList<>();
        int index = 0;
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar) || !hasModuleInfo(jar)) {
                result.add(jar);
                continue;
            }
            Path copy = scratch.resolve((index++) + "-" + jar.getFileName());
            try (JarFile in = new JarFile(jar.toFile()); OutputStream file = Files.newOutputStream(copy);
                    JarOutputStream out = new JarOutputStream(file)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (isModuleInfo(entry.getName()) || entry.isDirectory()) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            result.add(copy);
        }
        return result;
    }

    private static boolean hasModuleInfo(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(e -> isModuleInfo(e.getName()));
        }
    }

    private static boolean isModuleInfo(String name) {
        return name.equals("module-info.class") || (name.startsWith("META-INF/versions/") && name.endsWith("/module-info.class"));
    }
}

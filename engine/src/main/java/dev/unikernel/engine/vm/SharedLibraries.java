package dev.unikernel.engine.vm;

import dev.unikernel.engine.elf.ElfFile;
import dev.unikernel.engine.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The host's shared libraries (glibc and friends) a set of ELF files loads, followed through
 * DT_NEEDED to the end, found in the system library directories as ld.so would find them.
 */
public final class SharedLibraries {

    /** Where Debian and most distributions keep the C library, searched in order. */
    public static final List<Path> SYSTEM_DIRECTORIES = List.of(Path.of("/lib/x86_64-linux-gnu"),
            Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/lib64"), Path.of("/usr/lib64"), Path.of("/lib"),
            Path.of("/usr/lib"));

    private SharedLibraries() {
    }

    /**
     * The libraries {@code programs} need that {@code provided} (names of libraries shipped with them,
     * such as the JRE's own) does not cover: name to the host path it was found at (in the first of
     * {@code directories} holding it). Libraries found nowhere are reported and left out: they belong
     * to parts of the JRE the program does not load (libawt_xawt wants libX11).
     */
    public static SortedMap<String, Path> resolve(List<Path> programs, Set<String> provided, List<Path> directories,
            BuildLog log) throws IOException {
        SortedMap<String, Path> found = new TreeMap<>();
        Set<String> missing = new TreeSet<>();
        Deque<Path> work = new ArrayDeque<>(programs);
        Set<Path> seen = new java.util.HashSet<>();
        while (!work.isEmpty()) {
            Path file = work.pop();
            if (!seen.add(file)) {
                continue;
            }
            for (String name : ElfFile.read(file).needed()) {
                if (provided.contains(name) || found.containsKey(name)) {
                    continue;
                }
                Path library = find(name, directories);
                if (library == null) {
                    if (missing.add(name)) {
                        log.warn("the initramfs leaves out " + name + " (needed by " + file.getFileName()
                                + "): not found in " + directories);
                    }
                    continue;
                }
                found.put(name, library);
                work.push(library);
            }
        }
        return found;
    }

    private static Path find(String name, List<Path> directories) {
        for (Path directory : directories) {
            Path candidate = directory.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}

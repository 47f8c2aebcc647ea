package dev.unikernel.engine.oci;

import dev.unikernel.engine.elf.ElfFile;
import dev.unikernel.engine.UnikernelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the system libraries (glibc) that the ELF files of a Java runtime load, so an image built
 * from scratch can run it: the program interpreter, every {@code DT_NEEDED} library the runtime does
 * not hold itself, and what those need in turn. Each goes into the image at the path where the
 * host's loader finds it, so the copied loader finds it there too.
 */
public final class SharedLibraries {

    /** A library to copy: where it goes in the image, and the host file holding it. */
    public record Library(String imagePath, Path hostFile) {
    }

    private final Path root;
    private final List<String> searchDirectories;

    /**
     * @param root              the file system root the libraries are found under: {@code /}, or a
     *                          test tree
     * @param searchDirectories absolute directories, in the loader's order
     */
    public SharedLibraries(Path root, List<String> searchDirectories) {
        this.root = root;
        this.searchDirectories = List.copyOf(searchDirectories);
    }

    /** The host's libraries, searched where Debian, Ubuntu and Fedora keep them for this machine. */
    public static SharedLibraries ofHost() {
        String triplet = switch (System.getProperty("os.arch")) {
            case "aarch64" -> "aarch64-linux-gnu";
            default -> "x86_64-linux-gnu";
        };
        return new SharedLibraries(Path.of("/"), List.of("/lib/" + triplet, "/usr/lib/" + triplet, "/lib64",
                "/usr/lib64", "/lib", "/usr/lib"));
    }

    /** The libraries the runtime in {@code runtimeDirectory} loads that it does not hold, sorted by image path. */
    public List<Library> neededBy(Path runtimeDirectory) throws IOException, UnikernelException {
        Set<String> provided = new HashSet<>();
        List<Path> elfFiles = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(runtimeDirectory)) {
            for (Path file : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                if (ElfFile.isElf(file)) {
                    elfFiles.add(file);
                    provided.add(file.getFileName().toString());
                }
            }
        }
        Map<String, Library> libraries = new TreeMap<>();
        Deque<String> wanted = new ArrayDeque<>();
        Map<String, String> neededBy = new TreeMap<>();
        for (Path file : elfFiles) {
            ElfFile elf = ElfFile.read(file);
            if (elf.interpreter() != null && !libraries.containsKey(elf.interpreter())) {
                Path host = root.resolve(elf.interpreter().substring(1));
                if (!Files.isRegularFile(host)) {
                    throw new UnikernelException(runtimeDirectory.relativize(file) + " needs the program interpreter "
                            + elf.interpreter() + ", which this machine does not have");
                }
                libraries.put(elf.interpreter(), new Library(elf.interpreter(), host));
            }
            for (String name : elf.needed()) {
                if (!provided.contains(name)) {
                    neededBy.putIfAbsent(name, runtimeDirectory.relativize(file).toString());
                    wanted.add(name);
                }
            }
        }
        Set<String> done = new HashSet<>();
        while (!wanted.isEmpty()) {
            String name = wanted.poll();
            if (!done.add(name)) {
                continue;
            }
            if (libraries.values().stream().anyMatch(l -> l.imagePath().endsWith("/" + name))) {
                continue; // the interpreter, needed by name as well (libjvm.so needs ld-linux-x86-64.so.2)
            }
            Library library = find(name, neededBy.get(name));
            libraries.put(library.imagePath(), library);
            for (String next : ElfFile.read(library.hostFile()).needed()) {
                neededBy.putIfAbsent(next, name);
                wanted.add(next);
            }
        }
        return List.copyOf(libraries.values());
    }

    private Library find(String name, String neededBy) throws UnikernelException {
        for (String directory : searchDirectories) {
            Path host = root.resolve(directory.substring(1)).resolve(name);
            if (Files.isRegularFile(host)) {
                return new Library(directory + "/" + name, host);
            }
        }
        throw new UnikernelException(neededBy + " needs the shared library " + name + ", which is in none of "
                + String.join(", ", searchDirectories) + ": install the package that provides it, or build on a"
                + " base image that has it (<from> in the plugin configuration)");
    }
}

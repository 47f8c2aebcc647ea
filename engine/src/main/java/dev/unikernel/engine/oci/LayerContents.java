package dev.unikernel.engine.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of one image layer, as a value: where each goes, its mode and owner. Modes are always
 * explicit, taken from the host file, because jib-core would otherwise make every file 0644 and
 * {@code bin/java} would not run (jib#2506).
 */
public final class LayerContents {

    /** A file ({@code source} set) or a directory ({@code source} null) in the image. */
    public record Entry(Path source, String imagePath, int mode, String owner) {

        public Entry {
            if (!imagePath.startsWith("/")) {
                throw new IllegalArgumentException("image paths are absolute: " + imagePath);
            }
        }

        public boolean isDirectory() {
            return source == null;
        }
    }

    private final String name;
    private final List<Entry> entries = new ArrayList<>();

    public LayerContents(String name) {
        this.name = name;
    }

    /** The layer's name, in the image history and the build log. */
    public String name() {
        return name;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Adds a file with an explicit mode, owned by root. */
    public LayerContents file(Path source, String imagePath, int mode) {
        entries.add(new Entry(source, imagePath, mode, "0:0"));
        return this;
    }

    /** Adds a file with its host mode (a symlink is followed: jib-core does not keep links, jib#2275). */
    public LayerContents file(Path source, String imagePath) throws IOException {
        return file(source, imagePath, modeOf(source));
    }

    /** Sets the mode of an entry already added; a missing entry is a programming error. */
    public LayerContents setMode(String imagePath, int mode) {
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (entry.imagePath().equals(imagePath)) {
                entries.set(i, new Entry(entry.source(), imagePath, mode, entry.owner()));
                return this;
            }
        }
        throw new IllegalArgumentException("layer " + name + " has no entry " + imagePath);
    }

    /** Adds an empty directory. */
    public LayerContents directory(String imagePath, int mode, String owner) {
        entries.add(new Entry(null, imagePath, mode, owner));
        return this;
    }

    /** Adds every file and directory under {@code root} at {@code imagePath}, with their host modes. */
    public LayerContents tree(Path root, String imagePath) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted().toList();
        }
        for (Path path : paths) {
            String relative = root.relativize(path).toString().replace(java.io.File.separatorChar, '/');
            String target = relative.isEmpty() ? imagePath : imagePath + "/" + relative;
            if (Files.isDirectory(path)) {
                directory(target, modeOf(path), "0:0");
            } else {
                file(path, target);
            }
        }
        return this;
    }

    /** Total bytes of the files. */
    public long size() throws IOException {
        long total = 0;
        for (Entry entry : entries) {
            if (!entry.isDirectory()) {
                total += Files.size(entry.source());
            }
        }
        return total;
    }

    /** The permission bits of a host file, following links. */
    static int modeOf(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= switch (permission) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }

    @Override
    public String toString() {
        return "LayerContents[" + name + ", " + entries.size() + " entries]";
    }
}

package dev.unikernel.fat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Unix-style path on a FAT volume: '/'-separated names, absolute when it starts with '/'. Names
 * compare case-sensitively here, as in jimfs: the file system, not the path, folds case.
 */
final class FatPath implements Path {

    private final FatFileSystem fs;
    private final boolean absolute;
    private final List<String> names;

    FatPath(FatFileSystem fs, boolean absolute, List<String> names) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = List.copyOf(names);
    }

    static FatPath parse(FatFileSystem fs, String first, String... more) {
        StringBuilder sb = new StringBuilder(first);
        for (String m : more) {
            if (!m.isEmpty()) {
                if (!sb.isEmpty()) {
                    sb.append('/');
                }
                sb.append(m);
            }
        }
        String s = sb.toString();
        if (s.indexOf('\0') >= 0) {
            throw new InvalidPathException(s, "a path cannot contain NUL");
        }
        List<String> names = new ArrayList<>();
        for (String part : s.split("/")) {
            if (!part.isEmpty()) {
                names.add(part);
            }
        }
        return new FatPath(fs, s.startsWith("/"), names);
    }

    List<String> names() {
        return names;
    }

    @Override
    public FatFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? new FatPath(fs, true, List.of()) : null;
    }

    @Override
    public Path getFileName() {
        return names.isEmpty() ? null : new FatPath(fs, false, List.of(names.getLast()));
    }

    @Override
    public Path getParent() {
        if (names.isEmpty() || (names.size() == 1 && !absolute)) {
            return null;
        }
        return new FatPath(fs, absolute, names.subList(0, names.size() - 1));
    }

    @Override
    public int getNameCount() {
        return names.size();
    }

    @Override
    public Path getName(int index) {
        return new FatPath(fs, false, List.of(names.get(index)));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        if (beginIndex < 0 || endIndex > names.size() || beginIndex >= endIndex) {
            throw new IllegalArgumentException("subpath(" + beginIndex + ", " + endIndex + ") of " + this);
        }
        return new FatPath(fs, false, names.subList(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        if (!(other instanceof FatPath o) || o.fs != fs || o.absolute != absolute || o.names.size() > names.size()) {
            return false;
        }
        return names.subList(0, o.names.size()).equals(o.names);
    }

    @Override
    public boolean endsWith(Path other) {
        if (!(other instanceof FatPath o) || o.fs != fs || o.names.size() > names.size()) {
            return false;
        }
        if (o.absolute) {
            return equals(o);
        }
        return names.subList(names.size() - o.names.size(), names.size()).equals(o.names);
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                if (!out.isEmpty() && !out.getLast().equals("..")) {
                    out.removeLast();
                    continue;
                }
                if (absolute) {
                    continue; // "/.." is "/"
                }
            }
            out.add(n);
        }
        return new FatPath(fs, absolute, out);
    }

    @Override
    public Path resolve(Path other) {
        FatPath o = check(other);
        if (o.absolute) {
            return o;
        }
        if (o.names.isEmpty()) {
            return this;
        }
        List<String> joined = new ArrayList<>(names);
        joined.addAll(o.names);
        return new FatPath(fs, absolute, joined);
    }

    @Override
    public Path relativize(Path other) {
        FatPath o = check(other);
        if (o.absolute != absolute) {
            throw new IllegalArgumentException("cannot relativize " + other + " against " + this + ": one is absolute, the other not");
        }
        List<String> a = ((FatPath) normalize()).names;
        List<String> b = ((FatPath) o.normalize()).names;
        int common = 0;
        while (common < a.size() && common < b.size() && a.get(common).equals(b.get(common))) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < a.size(); i++) {
            out.add("..");
        }
        out.addAll(b.subList(common, b.size()));
        return new FatPath(fs, false, out);
    }

    @Override
    public URI toUri() {
        return fs.uriOf((FatPath) toAbsolutePath());
    }

    @Override
    public FatPath toAbsolutePath() {
        return absolute ? this : new FatPath(fs, true, names);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return fs.realPath(this);
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("watch services are not supported on a FAT volume");
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FatPath o && o.fs == fs && o.absolute == absolute && o.names.equals(names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(fs), absolute, names);
    }

    @Override
    public String toString() {
        String joined = String.join("/", names);
        return absolute ? "/" + joined : joined;
    }

    private FatPath check(Path other) {
        if (!(other instanceof FatPath o) || o.fs != fs) {
            throw new ProviderMismatchException("not a path of this FAT file system: " + other);
        }
        return o;
    }
}

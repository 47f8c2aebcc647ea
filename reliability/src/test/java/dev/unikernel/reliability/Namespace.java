package dev.unikernel.reliability;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a file system holds, as the workload believes it: every file's bytes and every directory, by
 * absolute path ("/" not listed). Mutable while the workload runs; {@link #snapshot} freezes a copy.
 */
final class Namespace {

    private final TreeMap<String, byte[]> files = new TreeMap<>();
    private final TreeSet<String> dirs = new TreeSet<>();

    Map<String, byte[]> files() {
        return files;
    }

    Set<String> dirs() {
        return dirs;
    }

    Namespace snapshot() {
        Namespace copy = new Namespace();
        copy.files.putAll(files); // contents are never mutated in place: each change stores a new array
        copy.dirs.addAll(dirs);
        return copy;
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** True when {@code path} is {@code dir} or lies below it. */
    static boolean isUnder(String path, String dir) {
        return path.equals(dir) || path.startsWith(dir + "/");
    }

    /** True when the directory holds nothing. */
    boolean isEmptyDir(String dir) {
        String prefix = dir + "/";
        String file = files.ceilingKey(prefix);
        String sub = dirs.ceiling(prefix);
        return (file == null || !file.startsWith(prefix)) && (sub == null || !sub.startsWith(prefix));
    }
}

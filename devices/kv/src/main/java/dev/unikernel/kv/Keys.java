package dev.unikernel.kv;

import java.util.List;
import java.util.Locale;

/**
 * The rules for keys: relative paths of {@code /}-separated segments that can only name a file
 * below the store's root. Keys come from the network (a URL path), so anything that could climb out
 * of the root or mean something else to some file system is refused before it becomes a path.
 */
final class Keys {

    /**
     * Names of in-flight writes. Lower case, compared ignoring case: FAT matches names ignoring
     * case, so {@code .KV-TMP-x} there is the same file as {@code .kv-tmp-x}.
     */
    static final String TEMPORARY_PREFIX = ".kv-tmp-";

    private Keys() {
    }

    /** The segments of {@code key}; an {@link IllegalArgumentException} naming the key when it is not one. */
    static List<String> segments(String key) {
        if (key == null) {
            throw new IllegalArgumentException("a key cannot be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a key cannot be empty");
        }
        if (key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(invalid(key, "it contains a NUL character"));
        }
        if (key.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(invalid(key, "it contains a backslash; segments are separated by '/'"));
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException(invalid(key, "it is absolute; keys are relative, as css/site.css"));
        }
        List<String> segments = List.of(key.split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(invalid(key, "it has an empty segment"));
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(invalid(key, "it has a '" + segment + "' segment"));
            }
            if (isTemporary(segment)) {
                throw new IllegalArgumentException(invalid(key, "names starting with " + TEMPORARY_PREFIX
                        + " are reserved for writes in progress"));
            }
        }
        return segments;
    }

    /** Whether a file name is one of our writes in progress (or left over from one a crash cut short). */
    static boolean isTemporary(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith(TEMPORARY_PREFIX);
    }

    /** Whether a name found on disk can be a key's segment, so that keys() lists only readable keys. */
    static boolean isListable(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0 && !isTemporary(name);
    }

    static String invalid(String key, String why) {
        return "invalid key '" + printable(key) + "': " + why;
    }

    /** The key with control characters escaped, so a hostile key cannot forge log lines. */
    private static String printable(String key) {
        StringBuilder s = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}

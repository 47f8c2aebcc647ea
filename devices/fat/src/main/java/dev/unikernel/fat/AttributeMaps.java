package dev.unikernel.fat;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The string forms {@code Files.readAttributes(p, "posix:*")} and {@code Files.setAttribute(p, "dos:hidden", v)}. */
final class AttributeMaps {

    private static final List<String> BASIC = List.of("lastModifiedTime", "lastAccessTime", "creationTime", "size",
            "isRegularFile", "isDirectory", "isSymbolicLink", "isOther", "fileKey");
    private static final List<String> DOS = List.of("readonly", "hidden", "system", "archive", "attributes");
    private static final List<String> POSIX = List.of("owner", "group", "permissions");

    private AttributeMaps() {
    }

    static Map<String, Object> read(FatFileSystem fs, FatPath path, String spec) throws IOException {
        int colon = spec.indexOf(':');
        String view = colon < 0 ? "basic" : spec.substring(0, colon);
        String names = colon < 0 ? spec : spec.substring(colon + 1);
        List<String> available = switch (view) {
            case "basic" -> BASIC;
            case "dos" -> concat(BASIC, DOS);
            case "posix" -> concat(BASIC, POSIX);
            case "owner" -> List.of("owner");
            default -> throw new UnsupportedOperationException("attribute view '" + view
                    + "' is not supported on a FAT volume (supported: basic, dos, posix, owner)");
        };
        FatFileAttributes a = fs.readAttributes(path);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names.split(",")) {
            if (name.equals("*")) {
                for (String n : available) {
                    out.put(n, value(a, n));
                }
            } else if (available.contains(name)) {
                out.put(name, value(a, name));
            } else {
                throw new IllegalArgumentException("attribute '" + name + "' is not in the '" + view + "' view");
            }
        }
        return out;
    }

    static void set(FatFileSystem fs, FatPath path, String spec, Object value) throws IOException {
        int colon = spec.indexOf(':');
        String view = colon < 0 ? "basic" : spec.substring(0, colon);
        String name = colon < 0 ? spec : spec.substring(colon + 1);
        switch (name) {
            case "lastModifiedTime" -> fs.setTimes(path, (FileTime) value, null, null);
            case "lastAccessTime" -> fs.setTimes(path, null, (FileTime) value, null);
            case "creationTime" -> fs.setTimes(path, null, null, (FileTime) value);
            case "readonly" -> requireView(view, "dos", name, () -> fs.setDosBit(path, DirectoryEntry.ATTR_READ_ONLY, (Boolean) value));
            case "hidden" -> requireView(view, "dos", name, () -> fs.setDosBit(path, DirectoryEntry.ATTR_HIDDEN, (Boolean) value));
            case "system" -> requireView(view, "dos", name, () -> fs.setDosBit(path, DirectoryEntry.ATTR_SYSTEM, (Boolean) value));
            case "archive" -> requireView(view, "dos", name, () -> fs.setDosBit(path, DirectoryEntry.ATTR_ARCHIVE, (Boolean) value));
            case "permissions" -> {
                @SuppressWarnings("unchecked")
                Set<PosixFilePermission> perms = (Set<PosixFilePermission>) value;
                requireView(view, "posix", name, () -> fs.setPermissions(path, perms));
            }
            case "owner", "group" -> {
                if (!(value instanceof UserPrincipal) && !(value instanceof GroupPrincipal)) {
                    throw new ClassCastException("'" + name + "' takes a UserPrincipal or GroupPrincipal");
                }
                fs.readAttributes(path); // accepted and ignored: FAT stores no owner
            }
            default -> throw new IllegalArgumentException("attribute '" + spec + "' cannot be set on a FAT volume");
        }
        if (!List.of("basic", "dos", "posix", "owner").contains(view)) {
            throw new UnsupportedOperationException("attribute view '" + view + "' is not supported on a FAT volume");
        }
    }

    private static Object value(FatFileAttributes a, String name) {
        return switch (name) {
            case "lastModifiedTime" -> a.lastModifiedTime();
            case "lastAccessTime" -> a.lastAccessTime();
            case "creationTime" -> a.creationTime();
            case "size" -> a.size();
            case "isRegularFile" -> a.isRegularFile();
            case "isDirectory" -> a.isDirectory();
            case "isSymbolicLink" -> false;
            case "isOther" -> false;
            case "fileKey" -> a.fileKey();
            case "readonly" -> a.isReadOnly();
            case "hidden" -> a.isHidden();
            case "system" -> a.isSystem();
            case "archive" -> a.isArchive();
            case "attributes" -> a.dosAttributes();
            case "owner" -> a.owner();
            case "group" -> a.group();
            case "permissions" -> a.permissions();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static void requireView(String view, String expected, String name, IoAction action) throws IOException {
        if (!view.equals(expected)) {
            throw new IllegalArgumentException("attribute '" + name + "' belongs to the '" + expected + "' view, not '" + view + "'");
        }
        action.run();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}

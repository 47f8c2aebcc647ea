package dev.unikernel.fat;

import java.nio.file.InvalidPathException;
import java.util.Locale;

/** The rules for names a FAT directory can hold, and the case-insensitive key names are compared by. */
final class FatNames {

    /** VFAT's limit, in UTF-16 code units. */
    static final int MAX_LONG_NAME = 255;

    private static final String FORBIDDEN = "\"*/:<>?\\|";

    private FatNames() {
    }

    /** The key two names share when FAT treats them as the same name. */
    static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /** Refuses names FAT cannot store, with a message that says why. */
    static void checkStorable(String name) {
        if (name.isEmpty()) {
            throw new InvalidPathException(name, "FAT cannot store an empty name");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidPathException(name, "'.' and '..' are not names of entries");
        }
        if (name.length() > MAX_LONG_NAME) {
            throw new InvalidPathException(name, "FAT names are limited to " + MAX_LONG_NAME
                    + " UTF-16 units; this one has " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20) {
                throw new InvalidPathException(name, "FAT cannot store control character 0x"
                        + Integer.toHexString(c) + " in a name", i);
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                throw new InvalidPathException(name, "FAT cannot store the character '" + c + "' in a name", i);
            }
        }
        char last = name.charAt(name.length() - 1);
        if (last == '.' || last == ' ') {
            throw new InvalidPathException(name, "FAT cannot store a name that ends with a dot or a space");
        }
    }
}

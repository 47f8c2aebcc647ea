package dev.unikernel.fat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * 8.3 names: the 11-byte form stored in a directory entry ("README  TXT"), its display form
 * ("README.TXT"), and the alias generated for a long name (fatgen103's basis name plus a numeric
 * tail "~N" when the long name does not fit 8.3 or converted lossily).
 */
final class ShortNames {

    /** Characters allowed in a short name besides A-Z and 0-9 (fatgen103, ASCII only here). */
    private static final String SPECIAL = "!#$%&'()-@^_`{}~";

    /** Lower-case flags Windows NT keeps in the entry's reserved byte for all-lower base or extension. */
    static final int LOWER_BASE = 0x08;
    static final int LOWER_EXTENSION = 0x10;

    private ShortNames() {
    }

    /** The 11-character stored form of {@code name} if it is already a valid upper-case 8.3 name, else null. */
    static String exactForm(String name) {
        int dot = name.indexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        if (base.isEmpty() || base.length() > 8 || ext.length() > 3 || ext.indexOf('.') >= 0 || (dot >= 0 && ext.isEmpty())) {
            return null;
        }
        if (!allValid(base) || !allValid(ext)) {
            return null;
        }
        return pad(base, 8) + pad(ext, 3);
    }

    /** The name shown for a stored 11-byte name, honouring the NT lower-case flags. */
    static String display(byte[] raw, int offset, int ntFlags) {
        byte[] copy = new byte[11];
        System.arraycopy(raw, offset, copy, 0, 11);
        if (copy[0] == 0x05) {
            copy[0] = (byte) 0xE5; // 0x05 stands for a real 0xE5 first byte
        }
        String s = new String(copy, StandardCharsets.ISO_8859_1);
        String base = s.substring(0, 8).stripTrailing();
        String ext = s.substring(8).stripTrailing();
        if ((ntFlags & LOWER_BASE) != 0) {
            base = base.toLowerCase(Locale.ROOT);
        }
        if ((ntFlags & LOWER_EXTENSION) != 0) {
            ext = ext.toLowerCase(Locale.ROOT);
        }
        return ext.isEmpty() ? base : base + "." + ext;
    }

    /**
     * An 11-character alias for {@code longName} that {@code taken} does not hold: the basis name when it
     * is exact and free, else the basis with "~1".."~4", then a hash of the long name with a tail, as
     * Windows does, so that thousands of similar names in one directory stay cheap.
     */
    static String alias(String longName, Predicate<String> taken) {
        StringBuilder converted = new StringBuilder();
        boolean lossy = false;
        String upper = longName.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == ' ') {
                lossy = true; // spaces are dropped
                continue;
            }
            if (c == '.' || isValid(c)) {
                converted.append(c);
            } else {
                converted.append('_');
                lossy = true;
            }
        }
        String s = converted.toString();
        int leading = 0;
        while (leading < s.length() && s.charAt(leading) == '.') {
            leading++;
        }
        if (leading > 0) {
            lossy = true;
            s = s.substring(leading);
        }
        int lastDot = s.lastIndexOf('.');
        String base = lastDot < 0 ? s : s.substring(0, lastDot);
        String ext = lastDot < 0 ? "" : s.substring(lastDot + 1);
        if (base.indexOf('.') >= 0) {
            lossy = true;
            base = base.replace(".", "");
        }
        if (base.length() > 8 || ext.length() > 3) {
            lossy = true;
        }
        if (base.isEmpty()) {
            base = "_";
            lossy = true;
        }
        base = base.substring(0, Math.min(8, base.length()));
        ext = ext.substring(0, Math.min(3, ext.length()));
        String paddedExt = pad(ext, 3);
        if (!lossy) {
            String exact = pad(base, 8) + paddedExt;
            if (!taken.test(exact)) {
                return exact;
            }
        }
        for (int n = 1; n <= 4; n++) {
            String candidate = withTail(base, n) + paddedExt;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
        String hashed = base.substring(0, Math.min(2, base.length())) + String.format("%04X", longName.hashCode() & 0xFFFF);
        for (int n = 1; n <= 9; n++) {
            String candidate = withTail(hashed, n) + paddedExt;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
        for (int n = 5; n <= 999_999; n++) {
            String candidate = withTail(base, n) + paddedExt;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free 8.3 alias for " + longName);
    }

    /** fatgen103's checksum of an 11-byte short name, stored in every long-name slot. */
    static int checksum(byte[] raw, int offset) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum = (((sum & 1) << 7) + ((sum & 0xFF) >>> 1) + (raw[offset + i] & 0xFF)) & 0xFF;
        }
        return sum;
    }

    /** The stored 11 bytes of an 11-character form; a leading 0xE5 is stored as 0x05. */
    static byte[] bytes(String form) {
        byte[] b = form.getBytes(StandardCharsets.ISO_8859_1);
        if ((b[0] & 0xFF) == 0xE5) {
            b[0] = 0x05;
        }
        return b;
    }

    private static String withTail(String base, int n) {
        String tail = "~" + n;
        return pad(base.substring(0, Math.min(base.length(), 8 - tail.length())) + tail, 8);
    }

    private static boolean allValid(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isValid(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValid(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SPECIAL.indexOf(c) >= 0;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}

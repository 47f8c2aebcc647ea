package dev.unikernel.fat;

/**
 * VFAT long-name slots: 13 UTF-16 units each, stored before the short entry in reverse order, each
 * carrying the short name's checksum so that a stale slot is recognised and ignored.
 */
final class LongNameSlots {

    static final int ATTRIBUTE = 0x0F;
    static final int LAST_FLAG = 0x40;
    static final int UNITS_PER_SLOT = 13;
    private static final int[] UNIT_OFFSETS = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

    private LongNameSlots() {
    }

    /** How many slots a long name needs. */
    static int count(String name) {
        return (name.length() + UNITS_PER_SLOT - 1) / UNITS_PER_SLOT;
    }

    /**
     * Writes the slots for {@code name} into {@code dst} at {@code offset} in disk order (highest
     * ordinal first), {@link #count} slots of 32 bytes.
     */
    static void encode(String name, int checksum, byte[] dst, int offset) {
        int slots = count(name);
        for (int i = 0; i < slots; i++) {
            int ordinal = slots - i; // disk order: last part first
            int p = offset + i * 32;
            java.util.Arrays.fill(dst, p, p + 32, (byte) 0);
            dst[p] = (byte) (ordinal | (ordinal == slots ? LAST_FLAG : 0));
            dst[p + 11] = ATTRIBUTE;
            dst[p + 13] = (byte) checksum;
            int start = (ordinal - 1) * UNITS_PER_SLOT;
            for (int u = 0; u < UNITS_PER_SLOT; u++) {
                int index = start + u;
                int unit;
                if (index < name.length()) {
                    unit = name.charAt(index);
                } else if (index == name.length()) {
                    unit = 0; // terminator, then padding
                } else {
                    unit = 0xFFFF;
                }
                dst[p + UNIT_OFFSETS[u]] = (byte) unit;
                dst[p + UNIT_OFFSETS[u] + 1] = (byte) (unit >>> 8);
            }
        }
    }

    /** Appends slot {@code p}'s units (up to the terminator) to {@code out} at its ordinal's position. */
    static void decodeInto(byte[] src, int p, char[] out) {
        int ordinal = src[p] & 0x1F;
        int start = (ordinal - 1) * UNITS_PER_SLOT;
        for (int u = 0; u < UNITS_PER_SLOT; u++) {
            int unit = (src[p + UNIT_OFFSETS[u]] & 0xFF) | ((src[p + UNIT_OFFSETS[u] + 1] & 0xFF) << 8);
            if (start + u < out.length) {
                out[start + u] = (char) unit;
            }
        }
    }

    /**
     * The decoded name from a filled buffer: it ends at the first NUL (or at the buffer's end). A
     * surrogate without its pair (a damaged or foreign entry: UTF-16 allows none) becomes U+FFFD, as
     * Linux's vfat shows it, so that every name is valid Unicode: it survives UTF-8 (an SFTP client,
     * the host) and comes back to the same entry.
     */
    static String finish(char[] units) {
        int n = 0;
        while (n < units.length && units[n] != 0) {
            n++;
        }
        char[] name = java.util.Arrays.copyOf(units, n);
        for (int i = 0; i < n; i++) {
            if (Character.isHighSurrogate(name[i]) && i + 1 < n && Character.isLowSurrogate(name[i + 1])) {
                i++; // a valid pair
            } else if (Character.isSurrogate(name[i])) {
                name[i] = '\uFFFD';
            }
        }
        return new String(name);
    }
}

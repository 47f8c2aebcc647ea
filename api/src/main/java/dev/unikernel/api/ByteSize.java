package dev.unikernel.api;

import java.util.Locale;

/** A number of bytes written as {@code 512}, {@code 64K}, {@code 256M}, {@code 2G} (binary units). */
public record ByteSize(long bytes) {

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    /** Parses {@code 123}, {@code 64k}, {@code 256M}, {@code 2G}, {@code 1T}, optionally followed by {@code iB} or {@code B}. */
    public static ByteSize parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.endsWith("IB")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        long multiplier = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> multiplier = 1L << 10;
                case 'M' -> multiplier = 1L << 20;
                case 'G' -> multiplier = 1L << 30;
                case 'T' -> multiplier = 1L << 40;
                default -> multiplier = 1;
            }
            if (multiplier != 1) {
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            return new ByteSize(Math.multiplyExact(Long.parseLong(s), multiplier));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (examples: 4096, 64K, 256M, 2G)");
        }
    }

    @Override
    public String toString() {
        for (String unit : new String[] {"T", "G", "M", "K"}) {
            long scale = switch (unit) {
                case "T" -> 1L << 40;
                case "G" -> 1L << 30;
                case "M" -> 1L << 20;
                default -> 1L << 10;
            };
            if (bytes >= scale && bytes % scale == 0) {
                return bytes / scale + unit;
            }
        }
        return Long.toString(bytes);
    }
}

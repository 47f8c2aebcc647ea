package dev.unikernel.tools.disk;

import java.util.Locale;

/** Sizes for people: {@code 2.9 MiB}, one decimal, binary units. */
final class HumanSize {

    private HumanSize() {
    }

    static String of(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}

package dev.unikernel.fat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * FAT's packed date and time fields. FAT stores local time without a zone; this volume always uses
 * UTC so that a disk moved between hosts (or a VM without a time zone) reads the same instants.
 * Dates outside 1980..2107 are clamped to the nearest representable date.
 */
final class DosTime {

    private static final LocalDateTime MIN = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final LocalDateTime MAX = LocalDateTime.of(2107, 12, 31, 23, 59, 58);

    private DosTime() {
    }

    /** The packed date (bits 15-9 year-1980, 8-5 month, 4-0 day). */
    static int date(long millis) {
        LocalDateTime t = clamp(millis);
        return ((t.getYear() - 1980) << 9) | (t.getMonthValue() << 5) | t.getDayOfMonth();
    }

    /** The packed time (bits 15-11 hours, 10-5 minutes, 4-0 seconds/2): 2-second resolution. */
    static int time(long millis) {
        LocalDateTime t = clamp(millis);
        return (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() / 2);
    }

    /** Hundredths of a second beyond {@link #time}'s 2-second step (0..199), for creation times. */
    static int tenths(long millis) {
        LocalDateTime t = clamp(millis);
        return (t.getSecond() % 2) * 100 + t.getNano() / 10_000_000;
    }

    /** Milliseconds since the epoch of a packed date and time; an invalid field reads as 1980-01-01. */
    static long toMillis(int date, int time, int tenths) {
        int year = 1980 + ((date >>> 9) & 0x7F);
        int month = (date >>> 5) & 0x0F;
        int day = date & 0x1F;
        int hour = (time >>> 11) & 0x1F;
        int minute = (time >>> 5) & 0x3F;
        int second = (time & 0x1F) * 2;
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            return MIN.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        try {
            LocalDateTime t = LocalDateTime.of(year, month, day, hour, minute, second);
            long extra = Math.min(Math.max(tenths, 0), 199) * 10L;
            return t.toInstant(ZoneOffset.UTC).toEpochMilli() + extra;
        } catch (java.time.DateTimeException e) {
            return MIN.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
    }

    /** A modification time as FAT will store it (2-second steps). */
    static long modified(long millis) {
        return toMillis(date(millis), time(millis), 0);
    }

    /** A creation time as FAT will store it (10 ms steps). */
    static long created(long millis) {
        return toMillis(date(millis), time(millis), tenths(millis));
    }

    /** An access time as FAT will store it (the date only). */
    static long accessed(long millis) {
        return toMillis(date(millis), 0, 0);
    }

    private static LocalDateTime clamp(long millis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
        if (t.isBefore(MIN)) {
            return MIN;
        }
        if (t.isAfter(MAX)) {
            return MAX;
        }
        return t.truncatedTo(ChronoUnit.MILLIS);
    }
}

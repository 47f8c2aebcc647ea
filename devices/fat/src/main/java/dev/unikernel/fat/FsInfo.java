package dev.unikernel.fat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * FAT32's FSInfo sector (fatgen103): a free cluster count and a next-free hint that other systems may
 * trust instead of scanning the FAT, framed by three signatures. 0xFFFFFFFF in either field means
 * unknown. This implementation never trusts them (it scans the FAT at mount); it writes "unknown" while
 * a read-write mount runs, and the true figures at a clean close, so the sector is never stale.
 */
final class FsInfo {

    static final int LEAD_SIGNATURE = 0x41615252;
    static final int STRUCT_SIGNATURE = 0x61417272;
    static final int TRAIL_SIGNATURE = 0xAA550000;
    static final long UNKNOWN = 0xFFFFFFFFL;

    private FsInfo() {
    }

    /** The sector's bytes ({@code sectorSize} long) with these figures. */
    static ByteBuffer encode(int sectorSize, long freeCount, long nextFree) {
        ByteBuffer b = ByteBuffer.allocate(sectorSize).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, LEAD_SIGNATURE);
        b.putInt(484, STRUCT_SIGNATURE);
        b.putInt(488, (int) freeCount);
        b.putInt(492, (int) nextFree);
        b.putInt(508, TRAIL_SIGNATURE);
        return b;
    }

    /** Whether {@code sector} carries all three signatures. */
    static boolean isValid(ByteBuffer sector) {
        ByteBuffer b = sector.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return b.limit() >= 512 && b.getInt(0) == LEAD_SIGNATURE && b.getInt(484) == STRUCT_SIGNATURE
                && b.getInt(508) == TRAIL_SIGNATURE;
    }

    /** The recorded free count, or {@link #UNKNOWN}. */
    static long freeCount(ByteBuffer sector) {
        return sector.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(488) & 0xFFFFFFFFL;
    }

    /** The recorded next-free hint, or {@link #UNKNOWN}. */
    static long nextFree(ByteBuffer sector) {
        return sector.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(492) & 0xFFFFFFFFL;
    }
}

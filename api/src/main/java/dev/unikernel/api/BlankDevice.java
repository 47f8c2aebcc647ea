package dev.unikernel.api;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A device that was never formatted: its first 1 MiB (or all of it, if smaller) reads as zeros, as a
 * fresh image file or virtio disk does. Every provider that formats a blank device (fat, luks) tests
 * this one window, so that a stack of them agrees on what blank means.
 */
public final class BlankDevice {

    private static final int WINDOW = 1 << 20;

    private BlankDevice() {
    }

    /** Whether {@code device} reads as zeros over the window. */
    public static boolean isBlank(BlockDevice device) throws IOException {
        ByteBuffer window = window(device);
        device.read(0, window);
        for (byte b : window.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses to format a blank device that this start did not create ({@link BlockDevice#isNew}):
     * its zeros may be a lost header over data that a header backup restores.
     */
    public static void requireNew(BlockDevice device, String format) throws IOException {
        if (!device.isNew()) {
            throw new IOException("block device " + device + " reads as zeros over its first MiB but existed before this"
                    + " start, so it is not formatted as " + format + ": if it held a volume whose header was lost, restore"
                    + " the header backup (cryptsetup luksHeaderRestore); to format it, start once with format-blank"
                    + " (--format-blank)");
        }
    }

    /** Writes zeros over the window, so that {@link #isBlank} holds afterwards. */
    public static void blank(BlockDevice device) throws IOException {
        device.write(0, window(device));
    }

    private static ByteBuffer window(BlockDevice device) {
        long sectors = Math.min(device.sectorCount(), WINDOW / device.sectorSize());
        return ByteBuffer.allocate((int) sectors * device.sectorSize());
    }
}

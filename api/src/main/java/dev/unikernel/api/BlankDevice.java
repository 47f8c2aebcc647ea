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

    /** Writes zeros over the window, so that {@link #isBlank} holds afterwards. */
    public static void blank(BlockDevice device) throws IOException {
        device.write(0, window(device));
    }

    private static ByteBuffer window(BlockDevice device) {
        long sectors = Math.min(device.sectorCount(), WINDOW / device.sectorSize());
        return ByteBuffer.allocate((int) sectors * device.sectorSize());
    }
}

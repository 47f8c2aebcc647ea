package dev.unikernel.luks;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A device that was never formatted: its first 1 MiB (or all of it, if smaller) reads as zeros, as a
 * fresh image file or virtio disk does. Each layer that formats a blank device tests the same window.
 */
final class BlankDevice {

    private static final int WINDOW = 1 << 20;

    private BlankDevice() {
    }

    static boolean isBlank(BlockDevice device) throws IOException {
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
    static void blank(BlockDevice device) throws IOException {
        device.write(0, window(device));
    }

    private static ByteBuffer window(BlockDevice device) {
        long sectors = Math.min(device.sectorCount(), WINDOW / device.sectorSize());
        return ByteBuffer.allocate((int) sectors * device.sectorSize());
    }
}

package dev.unikernel.fat;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A device that was never formatted: its first 1 MiB (or all of it, if smaller) reads as zeros, as a
 * fresh image file or virtio disk does. The same window as the luks module's, which fat cannot depend on.
 */
final class BlankDevice {

    private static final int WINDOW = 1 << 20;

    private BlankDevice() {
    }

    static boolean isBlank(BlockDevice device) throws IOException {
        long sectors = Math.min(device.sectorCount(), WINDOW / device.sectorSize());
        ByteBuffer window = ByteBuffer.allocate((int) sectors * device.sectorSize());
        device.read(0, window);
        for (byte b : window.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}

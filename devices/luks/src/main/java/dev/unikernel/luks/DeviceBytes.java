package dev.unikernel.luks;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Byte-addressed reads and writes on a sector device, for the header and keyslot areas (their
 * offsets are 4096-aligned in practice, but a hand-made header need not be). Partial sectors at the
 * edges of a write are read, patched and written back.
 */
final class DeviceBytes {

    private DeviceBytes() {
    }

    static byte[] read(BlockDevice device, long offset, int length) throws IOException {
        int sectorSize = device.sectorSize();
        long first = offset / sectorSize;
        long end = offset + length;
        long last = (end + sectorSize - 1) / sectorSize;
        byte[] sectors = new byte[Math.toIntExact((last - first) * sectorSize)];
        device.read(first, ByteBuffer.wrap(sectors));
        int skip = (int) (offset - first * sectorSize);
        return skip == 0 && sectors.length == length ? sectors : Arrays.copyOfRange(sectors, skip, skip + length);
    }

    static void write(BlockDevice device, long offset, byte[] data) throws IOException {
        int sectorSize = device.sectorSize();
        long first = offset / sectorSize;
        long end = offset + data.length;
        long last = (end + sectorSize - 1) / sectorSize;
        int skip = (int) (offset - first * sectorSize);
        if (skip == 0 && data.length % sectorSize == 0) {
            device.write(first, ByteBuffer.wrap(data));
            return;
        }
        byte[] sectors = read(device, first * sectorSize, Math.toIntExact((last - first) * sectorSize));
        System.arraycopy(data, 0, sectors, skip, data.length);
        device.write(first, ByteBuffer.wrap(sectors));
    }
}

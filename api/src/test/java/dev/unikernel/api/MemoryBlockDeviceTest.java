package dev.unikernel.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MemoryBlockDeviceTest {

    @Test
    void writesReadBackAcrossPagesAndUnwrittenSectorsAreZero() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(4L << 30, 4096);
        assertEquals(1L << 20, device.sectorCount());
        byte[] data = new byte[3 * 4096];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        device.write(15, ByteBuffer.wrap(data));
        ByteBuffer back = ByteBuffer.allocate(data.length);
        device.read(15, back);
        assertArrayEquals(data, back.array());
        ByteBuffer empty = ByteBuffer.allocate(4096);
        device.read(1_000_000, empty);
        assertArrayEquals(new byte[4096], empty.array());
    }

    @Test
    void misalignedAndOutOfRangeTransfersAreRefused() {
        MemoryBlockDevice device = new MemoryBlockDevice(512, 8);
        assertThrows(IllegalArgumentException.class, () -> device.read(0, ByteBuffer.allocate(100)));
        assertThrows(EOFException.class, () -> device.write(7, ByteBuffer.allocate(1024)));
        assertThrows(EOFException.class, () -> device.read(-1, ByteBuffer.allocate(512)));
    }

    @Test
    void snapshotsAreIndependentAndReadOnly() throws IOException {
        MemoryBlockDevice device = new MemoryBlockDevice(512, 8);
        device.write(0, ByteBuffer.wrap(new byte[512]).put(0, (byte) 7));
        MemoryBlockDevice snapshot = device.readOnlySnapshot();
        device.write(0, ByteBuffer.wrap(new byte[512]).put(0, (byte) 9));
        ByteBuffer read = ByteBuffer.allocate(512);
        snapshot.read(0, read);
        assertEquals(7, read.get(0));
        assertThrows(IOException.class, () -> snapshot.write(0, ByteBuffer.allocate(512)));
    }
}

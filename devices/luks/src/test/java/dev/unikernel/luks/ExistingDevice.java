package dev.unikernel.luks;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A device as an image that existed before this start looks: not {@linkplain BlockDevice#isNew new}. */
record ExistingDevice(BlockDevice device) implements BlockDevice {

    @Override
    public int sectorSize() {
        return device.sectorSize();
    }

    @Override
    public long sectorCount() {
        return device.sectorCount();
    }

    @Override
    public boolean isReadOnly() {
        return device.isReadOnly();
    }

    @Override
    public void read(long sector, ByteBuffer dst) throws IOException {
        device.read(sector, dst);
    }

    @Override
    public void write(long sector, ByteBuffer src) throws IOException {
        device.write(sector, src);
    }

    @Override
    public void flush() throws IOException {
        device.flush();
    }

    @Override
    public void close() throws IOException {
        device.close();
    }

    @Override
    public String toString() {
        return "ExistingDevice[" + device + "]";
    }
}

package dev.unikernel.reliability;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A view of a device that a LUKS layer may close without closing the device below (reused per crash state). */
final class KeepOpen implements BlockDevice {

    private final BlockDevice device;

    KeepOpen(BlockDevice device) {
        this.device = device;
    }

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
    public void close() {
        // the device stays open: the replay owns it
    }
}

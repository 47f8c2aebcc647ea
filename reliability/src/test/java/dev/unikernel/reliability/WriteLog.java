package dev.unikernel.reliability;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A BlockDevice under the LUKS layer that passes everything to another device and logs what reached
 * it: every write as atomic units of {@code unitBytes} (what the disk is assumed to write all or
 * nothing: 4 KiB, the LUKS2 sector), and every flush. A crash test rebuilds from the log any disk a
 * power cut could leave.
 */
final class WriteLog implements BlockDevice {

    /** One logged event: a unit's new ciphertext at {@code byteOffset}, or a flush ({@code data == null}). */
    record Event(long byteOffset, byte[] data) {
        boolean isFlush() {
            return data == null;
        }
    }

    private final BlockDevice target;
    private final int unitBytes;
    private final List<Event> events = new ArrayList<>();
    private int flushes;

    WriteLog(BlockDevice target, int unitBytes) {
        if (unitBytes % target.sectorSize() != 0) {
            throw new IllegalArgumentException("unit of " + unitBytes + " bytes is not whole sectors");
        }
        this.target = target;
        this.unitBytes = unitBytes;
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Flushes issued so far: a write logged now lands in interval number {@code flushes()}. */
    synchronized int flushes() {
        return flushes;
    }

    @Override
    public int sectorSize() {
        return target.sectorSize();
    }

    @Override
    public long sectorCount() {
        return target.sectorCount();
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public synchronized void read(long sector, ByteBuffer dst) throws IOException {
        target.read(sector, dst);
    }

    @Override
    public synchronized void write(long sector, ByteBuffer src) throws IOException {
        BlockDevice.checkTransfer(this, sector, src);
        long offset = sector * sectorSize();
        if (offset % unitBytes != 0 || src.remaining() % unitBytes != 0) {
            throw new AssertionError("write of " + src.remaining() + " bytes at byte " + offset
                    + " is not whole " + unitBytes + "-byte units: the crash model assumes it is");
        }
        ByteBuffer copy = src.duplicate();
        for (long at = offset; copy.hasRemaining(); at += unitBytes) {
            byte[] data = new byte[unitBytes];
            copy.get(data);
            events.add(new Event(at, data));
        }
        target.write(sector, src);
    }

    @Override
    public synchronized void flush() throws IOException {
        flushes++;
        events.add(new Event(-1, null));
        target.flush();
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}

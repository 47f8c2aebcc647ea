package dev.unikernel.fat;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A BlockDevice that passes everything to an in-memory device and logs each sector written and each
 * flush, so a crash test can rebuild the disk as it could be after a power cut at any point.
 */
final class RecordingBlockDevice implements BlockDevice {

    /** One logged event: a sector's new contents, or a flush (data == null). */
    record Event(long sector, byte[] data) {
        boolean isFlush() {
            return data == null;
        }
    }

    private final MemoryBlockDevice target;
    private final List<Event> events = new ArrayList<>();
    private int flushes;

    RecordingBlockDevice(MemoryBlockDevice target) {
        this.target = target;
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Flushes so far: a cut after flush number N keeps every write issued before it. */
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
        ByteBuffer copy = src.duplicate();
        int ss = sectorSize();
        for (long s = sector; copy.hasRemaining(); s++) {
            byte[] data = new byte[ss];
            copy.get(data);
            events.add(new Event(s, data));
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
    public void close() {
        target.close();
    }
}

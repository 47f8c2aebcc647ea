package dev.unikernel.benchmarks.fat;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * A sparse in-memory device that does not store zeros written where nothing was written before: those
 * sectors read as zeros anyway, so what the device returns is unchanged. Filling 90% of a 2 GiB volume
 * with files of zeros then costs CPU for the zero check but no memory.
 */
final class ZeroSkippingBlockDevice implements BlockDevice {

    private final MemoryBlockDevice memory;
    /** Sectors that hold something written (possibly zeros written over earlier data). */
    private final BitSet written = new BitSet();

    ZeroSkippingBlockDevice(long bytes) {
        this.memory = MemoryBlockDevice.ofSize(bytes, 512);
    }

    @Override
    public int sectorSize() {
        return memory.sectorSize();
    }

    @Override
    public long sectorCount() {
        return memory.sectorCount();
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public void read(long sector, ByteBuffer dst) throws IOException {
        memory.read(sector, dst);
    }

    @Override
    public synchronized void write(long sector, ByteBuffer src) throws IOException {
        BlockDevice.checkTransfer(this, sector, src);
        int from = Math.toIntExact(sector);
        int to = from + src.remaining() / sectorSize();
        // Zeros first: a data write fails on its first long, and the range check stays O(range).
        if (isAllZeros(src) && written.get(from, to).isEmpty()) {
            src.position(src.limit());
            return;
        }
        written.set(from, to);
        memory.write(sector, src);
    }

    private static boolean isAllZeros(ByteBuffer src) {
        for (int i = src.position(); i < src.limit(); i += 8) {
            if (src.getLong(i) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void flush() throws IOException {
        memory.flush();
    }

    @Override
    public void close() {
        memory.close();
    }
}

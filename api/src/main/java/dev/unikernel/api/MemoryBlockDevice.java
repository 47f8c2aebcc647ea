package dev.unikernel.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;

/**
 * A sparse in-memory {@link BlockDevice}: pages are allocated on first write, so a 4 GiB device costs
 * only what is written. For tests and for ephemeral scratch disks.
 */
public final class MemoryBlockDevice implements BlockDevice {

    private static final int PAGE_SIZE = 64 * 1024;

    private final int sectorSize;
    private final long sectorCount;
    private final boolean readOnly;
    private final byte[][] pages;
    private boolean closed;
    private long flushCount;

    public MemoryBlockDevice(int sectorSize, long sectorCount) {
        this(sectorSize, sectorCount, false);
    }

    private MemoryBlockDevice(int sectorSize, long sectorCount, boolean readOnly) {
        if (sectorSize < 512 || Integer.bitCount(sectorSize) != 1 || sectorSize > PAGE_SIZE) {
            throw new IllegalArgumentException("sector size must be a power of two from 512 to 65536: " + sectorSize);
        }
        if (sectorCount <= 0) {
            throw new IllegalArgumentException("sector count must be positive: " + sectorCount);
        }
        long bytes = Math.multiplyExact(sectorCount, (long) sectorSize);
        this.sectorSize = sectorSize;
        this.sectorCount = sectorCount;
        this.readOnly = readOnly;
        this.pages = new byte[Math.toIntExact((bytes + PAGE_SIZE - 1) / PAGE_SIZE)][];
    }

    /** A RAM disk holds nothing from before this start. */
    @Override
    public boolean isNew() {
        return true;
    }

    /** A device of {@code bytes} bytes (rounded up to whole sectors). */
    public static MemoryBlockDevice ofSize(long bytes, int sectorSize) {
        return new MemoryBlockDevice(sectorSize, (bytes + sectorSize - 1) / sectorSize);
    }

    /** A read-only copy of the current contents. */
    public synchronized MemoryBlockDevice readOnlySnapshot() {
        MemoryBlockDevice copy = new MemoryBlockDevice(sectorSize, sectorCount, true);
        for (int i = 0; i < pages.length; i++) {
            copy.pages[i] = pages[i] == null ? null : pages[i].clone();
        }
        return copy;
    }

    /** A writable copy of the current contents. */
    public synchronized MemoryBlockDevice copy() {
        MemoryBlockDevice copy = new MemoryBlockDevice(sectorSize, sectorCount, false);
        for (int i = 0; i < pages.length; i++) {
            copy.pages[i] = pages[i] == null ? null : pages[i].clone();
        }
        return copy;
    }

    /** How many times {@link #flush()} has been called. */
    public synchronized long flushCount() {
        return flushCount;
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public long sectorCount() {
        return sectorCount;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public synchronized void read(long sector, ByteBuffer dst) throws IOException {
        ensureOpen();
        BlockDevice.checkTransfer(this, sector, dst);
        long offset = sector * sectorSize;
        while (dst.hasRemaining()) {
            int page = (int) (offset / PAGE_SIZE);
            int inPage = (int) (offset % PAGE_SIZE);
            int n = Math.min(dst.remaining(), PAGE_SIZE - inPage);
            byte[] data = pages[page];
            if (data == null) {
                for (int i = 0; i < n; i++) {
                    dst.put((byte) 0);
                }
            } else {
                dst.put(data, inPage, n);
            }
            offset += n;
        }
    }

    @Override
    public synchronized void write(long sector, ByteBuffer src) throws IOException {
        ensureOpen();
        if (readOnly) {
            throw new IOException("device is read-only");
        }
        BlockDevice.checkTransfer(this, sector, src);
        long offset = sector * sectorSize;
        while (src.hasRemaining()) {
            int page = (int) (offset / PAGE_SIZE);
            int inPage = (int) (offset % PAGE_SIZE);
            int n = Math.min(src.remaining(), PAGE_SIZE - inPage);
            if (pages[page] == null) {
                pages[page] = new byte[PAGE_SIZE];
            }
            src.get(pages[page], inPage, n);
            offset += n;
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        ensureOpen();
        flushCount++;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Drops all contents (for tests that reuse a device). */
    public synchronized void wipe() {
        Arrays.fill(pages, null);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    /** For messages: what it is and its size. */
    @Override
    public String toString() {
        return "in-memory block device of " + sizeInBytes() + " bytes";
    }
}

package dev.unikernel.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A real {@link FileChannel} on a FAT file, so that code which insists on one (MINA SSHD's SFTP
 * server: {@code FileChannel.open}, fsync, byte-range locks) works unchanged. {@link #force} is a
 * volume barrier: afterwards this file's data and metadata, and every earlier change, are durable.
 */
final class FatFileChannel extends FileChannel {

    private final FatFileSystem fs;
    private final Volume volume;
    private final Node node;
    private final boolean readable;
    private final boolean writable;
    private final boolean append;
    private final boolean syncEachWrite;
    private final Runnable onClose;
    private final ClusterCursor cursor = new ClusterCursor();
    private long position;

    FatFileChannel(FatFileSystem fs, Node node, boolean readable, boolean writable, boolean append, boolean syncEachWrite,
            Runnable onClose) {
        this.fs = fs;
        this.volume = fs.volume();
        this.node = node;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
        this.syncEachWrite = syncEachWrite;
        this.onClose = onClose;
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public synchronized long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (!dsts[i].hasRemaining()) {
                continue;
            }
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public synchronized int read(ByteBuffer dst, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("negative position " + at);
        }
        checkOpen();
        if (!readable) {
            throw new NonReadableChannelException();
        }
        volume.lock.readLock().lock();
        try {
            volume.checkOpen();
            return FileContent.read(volume, node, cursor, dst, at);
        } finally {
            volume.lock.readLock().unlock();
        }
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        checkOpen();
        if (append) {
            volume.lock.readLock().lock();
            try {
                position = node.size;
            } finally {
                volume.lock.readLock().unlock();
            }
        }
        int n = write(src, position);
        position += n;
        return n;
    }

    @Override
    public synchronized long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public synchronized int write(ByteBuffer src, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("negative position " + at);
        }
        checkOpen();
        if (!writable) {
            throw new NonWritableChannelException();
        }
        volume.lock.writeLock().lock();
        try {
            volume.checkWritable();
            int n = FileContent.write(volume, node, cursor, src, at);
            if (syncEachWrite) {
                volume.sync();
            }
            return n;
        } finally {
            volume.lock.writeLock().unlock();
        }
    }

    @Override
    public synchronized long position() throws IOException {
        checkOpen();
        return position;
    }

    @Override
    public synchronized FileChannel position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        checkOpen();
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        checkOpen();
        volume.lock.readLock().lock();
        try {
            volume.checkOpen();
            return node.size;
        } finally {
            volume.lock.readLock().unlock();
        }
    }

    @Override
    public synchronized FileChannel truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        checkOpen();
        if (!writable) {
            throw new NonWritableChannelException();
        }
        volume.lock.writeLock().lock();
        try {
            volume.checkWritable();
            FileContent.truncate(volume, node, size);
        } finally {
            volume.lock.writeLock().unlock();
        }
        if (position > size) {
            position = size;
        }
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        checkOpen();
        if (volume.readOnly) {
            return;
        }
        volume.lock.writeLock().lock();
        try {
            volume.checkOpen();
            volume.sync();
        } finally {
            volume.lock.writeLock().unlock();
        }
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 256 * 1024));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int n = read(buffer, at + done);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                target.write(buffer);
            }
            done += n;
        }
        return done;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 256 * 1024));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int n = src.read(buffer);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                done += write(buffer, at + done);
            }
        }
        return done;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("memory-mapping is not supported on a FAT volume");
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) throws IOException {
        FileLock lock = tryLock(at, size, shared);
        if (lock == null) {
            throw new OverlappingFileLockException();
        }
        return lock;
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) throws IOException {
        checkOpen();
        if (shared && !readable) {
            throw new NonReadableChannelException();
        }
        if (!shared && !writable) {
            throw new NonWritableChannelException();
        }
        volume.lock.writeLock().lock();
        try {
            for (FatFileLock held : node.locks) {
                if (held.overlaps(at, size)) {
                    throw new OverlappingFileLockException();
                }
            }
            FatFileLock lock = new FatFileLock(this, node, volume, at, size, shared);
            node.locks.add(lock);
            return lock;
        } finally {
            volume.lock.writeLock().unlock();
        }
    }

    @Override
    protected void implCloseChannel() throws IOException {
        volume.lock.writeLock().lock();
        try {
            node.locks.removeIf(l -> {
                if (l.channel() == this) {
                    l.invalidate();
                    return true;
                }
                return false;
            });
            node.openChannels--;
            if (volume.isClosed()) {
                return;
            }
            if (node.deleted && node.openChannels == 0 && node.firstCluster != 0) {
                volume.releaseChain(node.firstCluster);
                node.firstCluster = 0;
            }
            if (writable) {
                volume.syncIfBacklogged();
            }
        } finally {
            volume.lock.writeLock().unlock();
            fs.channelClosed(this);
        }
        if (onClose != null) {
            onClose.run();
        }
    }

    private void checkOpen() throws IOException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }
}

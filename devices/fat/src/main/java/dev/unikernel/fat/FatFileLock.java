package dev.unikernel.fat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

/** A byte-range lock among the channels of this JVM (as the JDK's own locks behave between threads). */
final class FatFileLock extends FileLock {

    private final Node node;
    private final Volume volume;
    private boolean valid = true;

    FatFileLock(FileChannel channel, Node node, Volume volume, long position, long size, boolean shared) {
        super(channel, position, size, shared);
        this.node = node;
        this.volume = volume;
    }

    @Override
    public boolean isValid() {
        volume.lock.readLock().lock();
        try {
            return valid && channel().isOpen();
        } finally {
            volume.lock.readLock().unlock();
        }
    }

    @Override
    public void release() throws IOException {
        volume.lock.writeLock().lock();
        try {
            if (valid) {
                valid = false;
                node.locks.remove(this);
            }
        } finally {
            volume.lock.writeLock().unlock();
        }
    }

    /** Drops the lock without taking the volume lock (the caller holds it). */
    void invalidate() {
        valid = false;
    }
}

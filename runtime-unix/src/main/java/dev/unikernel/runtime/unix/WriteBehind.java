package dev.unikernel.runtime.unix;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts writing a disk image's dirty pages back in the background once {@link #THRESHOLD} bytes
 * were written since the last flush. Without it the host kernel keeps gigabytes dirty (its
 * background writeback starts at a tenth of RAM) and the next flush barrier, e.g. the commit when a
 * client closes an uploaded file, waits for all of them at once. An early write-back only makes data
 * durable sooner: the flush barriers, and so the crash-safe order, are unchanged.
 */
final class WriteBehind implements AutoCloseable {

    static final long THRESHOLD = 32L << 20;

    private final FileChannel channel;
    private final AtomicLong unflushed = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService thread;

    WriteBehind(FileChannel channel, Path path) {
        this.channel = channel;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "write-behind " + path.getFileName());
            t.setDaemon(true);
            return t;
        });
    }

    void written(int bytes) {
        if (unflushed.addAndGet(bytes) >= THRESHOLD && running.compareAndSet(false, true)) {
            unflushed.set(0);
            thread.execute(() -> {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    // Not lost: the next flush barrier forces again and reports the error to its caller.
                } finally {
                    running.set(false);
                }
            });
        }
    }

    /** A flush barrier is about to write everything back itself. */
    void flushed() {
        unflushed.set(0);
    }

    /** No interrupt: an interrupted FileChannel operation would close the channel. */
    @Override
    public void close() {
        thread.shutdown();
    }
}

package dev.unikernel.examples.sftp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where password hashes are computed: a few threads (one per core, at most {@value #MAX_THREADS}) and
 * a short queue ({@value #QUEUED_PER_THREAD} per thread), never MINA's I/O threads. A check that finds
 * both full is refused rather than queued, so a flood of connections trying passwords costs the
 * server at most this much work and memory; its attempt fails as a wrong password would.
 */
final class PasswordChecks implements AutoCloseable {

    static final int MAX_THREADS = 4;
    static final int QUEUED_PER_THREAD = 4;

    private final ThreadPoolExecutor executor;
    private final AtomicLong refused = new AtomicLong();

    PasswordChecks() {
        this(Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors())));
    }

    PasswordChecks(int threads) {
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * QUEUED_PER_THREAD), runnable -> {
                    Thread thread = new Thread(runnable, "password-check");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code check} on a check thread; false (and nothing runs) when the threads and the queue are full. */
    boolean submit(Runnable check) {
        try {
            executor.execute(check);
            return true;
        } catch (RejectedExecutionException full) {
            refused.incrementAndGet();
            return false;
        }
    }

    /** The most checks running or waiting at once. */
    int capacity() {
        return executor.getMaximumPoolSize() * (1 + QUEUED_PER_THREAD);
    }

    /** Checks refused since start, for the log and the tests. */
    long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

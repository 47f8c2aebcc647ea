package dev.unikernel.api.boot;

import dev.unikernel.api.Deferred;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A device stack opened on a thread of its own. What it opens is registered in a scope of its own,
 * closed (last opened first) when the boot closes this, after an opening still under way ends: a
 * volume that finished unlocking after the application failed is still flushed and closed.
 */
final class DeferredDevice<T> implements Deferred<T>, AutoCloseable {

    private final String name;
    private final Boot scope;
    private final DeviceOpener<T> opener;
    private final CompletableFuture<T> device = new CompletableFuture<>();
    private boolean started;

    DeferredDevice(String name, Boot scope, DeviceOpener<T> opener) {
        this.name = name;
        this.scope = scope;
        this.opener = opener;
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread thread = new Thread(() -> {
            try {
                device.complete(opener.open(scope));
            } catch (Throwable t) {
                device.completeExceptionally(t);
            }
        }, "open-" + name);
        // Never hold the JVM up: close() is what waits for the device, to close it cleanly.
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public T await() throws IOException, InterruptedException {
        start();
        try {
            return device.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    @Override
    public T await(Duration limit) throws IOException {
        start();
        try {
            return device.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(name + " is still opening after " + limit.toSeconds() + " s: try again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + name);
        } catch (ExecutionException e) {
            throw new IOException(name + " could not be opened: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static IOException rethrown(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause.getMessage(), cause);
    }

    /** Waits for an opening under way, then closes what it opened; a device never started has nothing open. */
    @Override
    public void close() throws Exception {
        synchronized (this) {
            if (!started) {
                return;
            }
        }
        try {
            device.join();
        } catch (RuntimeException failedToOpen) {
            // What it opened before failing is in the scope all the same.
        }
        Exception failure = scope.closeOpened();
        if (failure != null) {
            throw failure;
        }
    }
}

package dev.unikernel.examples.sftp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The encrypted volume while it unlocks on a thread of its own: the LUKS2 key derivation takes about
 * two seconds by design, and the SSH server need not wait for it to accept connections, exchange keys
 * and authenticate. Whoever needs the files waits for them here.
 */
final class PendingVolume implements AutoCloseable {

    /** Opens (or creates) the volume; it may take seconds. */
    @FunctionalInterface
    interface Opener {
        EncryptedVolume open() throws IOException;
    }

    private final CompletableFuture<EncryptedVolume> volume = new CompletableFuture<>();
    private final Opener opener;
    private boolean started;

    private PendingVolume(Opener opener) {
        this.opener = opener;
    }

    /** A volume that {@link #openInBackground()} starts to open. */
    static PendingVolume notYetOpened(Opener opener) {
        return new PendingVolume(opener);
    }

    /** Starts opening the volume on a thread of its own; once only. */
    synchronized void openInBackground() {
        if (started) {
            throw new IllegalStateException("the volume is already opening");
        }
        started = true;
        Thread thread = new Thread(() -> {
            try {
                volume.complete(opener.open());
            } catch (Throwable t) {
                volume.completeExceptionally(t);
            }
        }, "volume-unlock");
        // Never hold the JVM up: close() is what waits for the volume, to close it cleanly.
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the volume; a failure to open it is rethrown as it was (one clear line for the program's exit). */
    EncryptedVolume await() throws IOException, InterruptedException {
        try {
            return volume.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /**
     * Waits at most {@code limit}, for an SFTP session: says so when the volume is still unlocking or
     * could not be opened.
     */
    EncryptedVolume await(Duration limit) throws IOException {
        try {
            return volume.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the volume is still unlocking after " + limit.toSeconds() + " s: try again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the volume");
        } catch (ExecutionException e) {
            throw new IOException("the volume could not be opened: " + e.getCause().getMessage());
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

    /**
     * Closes the volume once it is open: waits for an unlock still running (so that a volume opened
     * after the server failed to start is still flushed and closed), ignores one that failed or never
     * started to open.
     */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (!started) {
                return;
            }
        }
        EncryptedVolume opened;
        try {
            opened = volume.join();
        } catch (RuntimeException failedToOpen) {
            return;
        }
        opened.close();
    }
}

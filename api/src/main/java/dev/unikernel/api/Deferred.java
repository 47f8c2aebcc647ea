package dev.unikernel.api;

import java.io.IOException;
import java.time.Duration;

/**
 * A device the application takes before it is open, for devices that take seconds to open (LUKS2's
 * key derivation): a constructor parameter of type {@code Deferred<FileSystem>} gets the device
 * stack configured for it, opened on a thread of its own once the application calls
 * {@link #start()} (or first waits), so that a server can already listen meanwhile. The runtime
 * closes it, after waiting for an opening still under way, when the application ends.
 */
public interface Deferred<T> {

    /** Starts opening the device on a thread of its own; later calls do nothing. */
    void start();

    /**
     * Waits for the device (starting it when not yet started); a failure to open it is thrown as it
     * was, an IOException or unchecked exception with one clear line.
     */
    T await() throws IOException, InterruptedException;

    /**
     * Waits at most {@code limit}: an IOException says when the device is still opening or could not
     * be opened.
     */
    T await(Duration limit) throws IOException;
}

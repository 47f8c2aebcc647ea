package dev.unikernel.api.boot;

import dev.unikernel.api.Deferred;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a generated {@code Main} gets while it connects devices: the key values, and a place to
 * register each device it opens so the runtime closes them, last opened first, when the application
 * ends.
 */
public final class Boot {

    private final KeyValues keys;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    Boot(KeyValues keys) {
        this.keys = keys;
    }

    public KeyValues keys() {
        return keys;
    }

    /** Registers {@code device} to be closed when the application ends, and returns it. */
    public synchronized <T extends AutoCloseable> T open(T device) {
        opened.push(device);
        return device;
    }

    /**
     * A device stack that {@code opener} opens on a thread of its own once the application starts or
     * awaits it (see {@link dev.unikernel.api.Deferred}); what the opener registers with its scope is
     * closed with the deferred device, which closes in this boot's order.
     */
    public <T> Deferred<T> deferred(String name, DeviceOpener<T> opener) {
        return open(new DeferredDevice<>(name, new Boot(keys), opener));
    }

    /** Closes every registered device, last opened first, and wipes the secrets; returns the first failure, or null. */
    synchronized Exception closeAll() {
        Exception first = closeOpened();
        keys.wipeSecrets();
        return first;
    }

    /** Closes every registered device, last opened first; returns the first failure, or null. */
    synchronized Exception closeOpened() {
        Exception first = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        return first;
    }
}

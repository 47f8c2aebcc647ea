package dev.unikernel.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A secret value (a passphrase, a password hash) read from a file or the environment, never from a
 * command line. Its text never appears in {@link #toString()}; {@link #close()} wipes it.
 */
public final class Secret implements AutoCloseable {

    private final byte[] bytes;
    private final String origin;
    private boolean wiped;

    private Secret(byte[] bytes, String origin) {
        this.bytes = bytes;
        this.origin = origin;
    }

    /**
     * Takes the secret's bytes exactly as given (UTF-8 text), as {@code cryptsetup --key-file} does, so a
     * passphrase file works the same with both; a trailing newline is part of the secret. Wipes
     * {@code bytes}. {@code origin} says where it came from, for messages
     * ("file /run/secrets/passphrase"): never the value.
     */
    public static Secret of(byte[] bytes, String origin) {
        byte[] value = bytes.clone();
        Arrays.fill(bytes, (byte) 0);
        return new Secret(value, origin);
    }

    /** A copy of the secret's bytes; the caller wipes it when done. */
    public synchronized byte[] bytes() {
        ensureNotWiped();
        return bytes.clone();
    }

    /** The secret as characters (UTF-8 decoded); the caller wipes the array when done. */
    public synchronized char[] chars() {
        ensureNotWiped();
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        return chars;
    }

    /** Where the secret came from, safe to print. */
    public String origin() {
        return origin;
    }

    /** True when the secret is empty. */
    public synchronized boolean isEmpty() {
        return bytes.length == 0;
    }

    /** True once {@link #close()} wiped it: its bytes are zeros and can no longer be read. */
    public synchronized boolean isWiped() {
        return wiped;
    }

    @Override
    public synchronized void close() {
        Arrays.fill(bytes, (byte) 0);
        wiped = true;
    }

    @Override
    public String toString() {
        return "Secret[from " + origin + "]";
    }

    private void ensureNotWiped() {
        if (wiped) {
            throw new IllegalStateException("secret from " + origin + " was already wiped (a device that reads it"
                    + " wipes it once it is done: give each reader a key of its own)");
        }
    }
}

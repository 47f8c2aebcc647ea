package dev.unikernel.luks;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Arrays that hold key material derived from a passphrase or a volume key (keyslot area keys,
 * candidate volume keys, digests of them), and their wiping. Each is registered when made, so a test
 * can check that all of them are zero once an unlock is over, whichever way it ended.
 */
final class KeyMaterial {

    /** A test's view of every array registered from then on; null (nothing kept) otherwise. */
    static volatile Consumer<byte[]> observer;

    private KeyMaterial() {
    }

    /** Registers {@code key}, just made, and returns it. */
    static byte[] derived(byte[] key) {
        Consumer<byte[]> watching = observer;
        if (watching != null) {
            watching.accept(key);
        }
        return key;
    }

    static void wipe(byte[] key) {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
        }
    }
}

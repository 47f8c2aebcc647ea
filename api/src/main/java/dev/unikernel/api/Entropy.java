package dev.unikernel.api;

import java.security.SecureRandom;

/** Cryptographically strong randomness from the target's source. */
@Device("entropy")
public interface Entropy {

    /** Fills {@code bytes} with random bytes. */
    default void nextBytes(byte[] bytes) {
        secureRandom().nextBytes(bytes);
    }

    /** A SecureRandom drawing from this source, for libraries that take one. */
    SecureRandom secureRandom();
}

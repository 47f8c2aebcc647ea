package dev.unikernel.runtime.unix;

import dev.unikernel.api.Entropy;
import java.security.SecureRandom;

/** The kernel's random source (getrandom / /dev/urandom) through the JDK's default SecureRandom. */
public final class SystemEntropy implements Entropy {

    private final SecureRandom random = new SecureRandom();

    @Override
    public SecureRandom secureRandom() {
        return random;
    }

    @Override
    public String toString() {
        return "SystemEntropy[" + random.getAlgorithm() + "]";
    }
}

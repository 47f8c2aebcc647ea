package dev.unikernel.luks;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2i and Argon2id (RFC 9106, version 0x13) from BouncyCastle's lightweight API (no JCA provider
 * is registered). BouncyCastle computes the lanes one after another, so the cost grows with
 * memory x time, whatever the parallelism.
 */
final class Argon2 {

    private Argon2() {
    }

    static byte[] derive(boolean argon2id, byte[] password, byte[] salt, int time, int memoryKiB, int parallelism, int length)
            throws LuksException {
        long needed = (long) memoryKiB * 1024;
        long available = Runtime.getRuntime().maxMemory();
        if (needed > available) {
            // Fail with a cause the user can act on instead of an OutOfMemoryError deep in BouncyCastle.
            throw new LuksException("this keyslot's " + (argon2id ? "argon2id" : "argon2i") + " needs " + memoryKiB / 1024
                    + " MiB of memory but the Java heap is at most " + available / (1024 * 1024) + " MiB; raise -Xmx");
        }
        Argon2Parameters parameters = new Argon2Parameters.Builder(argon2id ? Argon2Parameters.ARGON2_id : Argon2Parameters.ARGON2_i)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(time)
                .withMemoryAsKB(memoryKiB)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] output = KeyMaterial.derived(new byte[length]);
        try {
            // BouncyCastle clears its memory blocks when it is done; the parameters keep copies of their own.
            generator.generateBytes(password, output);
        } finally {
            parameters.clear();
        }
        return output;
    }
}

package dev.unikernel.luks;

import dev.unikernel.luks.KdfParameters.Argon2Parameters;
import dev.unikernel.luks.KdfParameters.Pbkdf2Parameters;
import java.util.Locale;

/**
 * The most work a LUKS2 header may ask for before a passphrase is tried. A header is data: one
 * from an untrusted image could otherwise stall the unlock for hours (pbkdf2 iterations up to 2^32,
 * argon2 passes without end) or exhaust memory (argon2 up to 4 GiB, which a small VM does not
 * have). The work limits sit far above what cryptsetup calibrates, which is about 2 s by default
 * but whatever {@code --iter-time} asks for: a keyslot made with a minute and more of it, on a fast
 * machine, still opens. {@value #PROPERTY}{@code =off} lifts them for a header that is trusted.
 */
record KdfLimits(long maxPbkdf2Iterations, long maxArgon2MemoryKiB, long maxArgon2Work) {

    /** The system property that turns the limits off: {@code -Dunikernel.luks.kdf-limits=off}. */
    static final String PROPERTY = "unikernel.luks.kdf-limits";

    /**
     * 500 million pbkdf2 iterations (cryptsetup calibrates 2 to 10 million per second, so this is
     * {@code --iter-time} of 50 s and more), argon2 with 1 GiB of memory (cryptsetup's default
     * maximum for new keyslots) and 256 GiB of memory passes ({@code time * memory}: 256 passes over
     * 1 GiB, or 8192 over 32 MiB; cryptsetup's argon2id does 1 to 3 GiB of them per second, so this
     * too is a minute and more of {@code --iter-time}).
     */
    static final KdfLimits DEFAULT = new KdfLimits(500_000_000L, 1024L * 1024, 256L * 1024 * 1024);

    static final KdfLimits NONE = new KdfLimits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    /** The limits in force: {@link #DEFAULT}, or {@link #NONE} when {@value #PROPERTY} is {@code off}. */
    static KdfLimits current() throws LuksException {
        String setting = System.getProperty(PROPERTY, "on").trim().toLowerCase(Locale.ROOT);
        return switch (setting) {
            case "on", "" -> DEFAULT;
            case "off" -> NONE;
            default -> throw new LuksException("-D" + PROPERTY + "=" + setting + " is neither on nor off");
        };
    }

    /** Refuses a key derivation that asks for more than the limits, before it runs. */
    void check(KdfParameters kdf, String where) throws LuksException {
        switch (kdf) {
            case Pbkdf2Parameters p -> checkIterations(p.iterations(), where);
            case Argon2Parameters a -> {
                if (a.memoryKiB() > maxArgon2MemoryKiB) {
                    throw tooCostly(where, a.type() + " memory of " + a.memoryKiB() / 1024 + " MiB", "the limit is "
                            + maxArgon2MemoryKiB / 1024 + " MiB");
                }
                if ((long) a.time() * a.memoryKiB() > maxArgon2Work) {
                    throw tooCostly(where, a.type() + " time " + a.time() + " over " + a.memoryKiB() / 1024 + " MiB",
                            "the limit is " + maxArgon2Work / (1024 * 1024) + " GiB of memory passes (time * memory)");
                }
            }
        }
    }

    /** Refuses more pbkdf2 iterations than the limit (keyslots and the volume key digest). */
    void checkIterations(long iterations, String where) throws LuksException {
        if (iterations > maxPbkdf2Iterations) {
            throw tooCostly(where, iterations + " pbkdf2 iterations", "the limit is " + maxPbkdf2Iterations);
        }
    }

    private static LuksException tooCostly(String where, String asked, String limit) {
        return new LuksException(where + " asks for " + asked + " (" + limit + "): a header from an untrusted image"
                + " can stall or exhaust the machine this way; if this image is yours, open it with -D" + PROPERTY
                + "=off, or lower its cost with cryptsetup luksConvertKey");
    }
}

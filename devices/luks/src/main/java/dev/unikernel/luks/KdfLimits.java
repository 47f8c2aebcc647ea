package dev.unikernel.luks;

import dev.unikernel.luks.KdfParameters.Argon2Parameters;
import dev.unikernel.luks.KdfParameters.Pbkdf2Parameters;
import java.util.Locale;

/**
 * The most work a LUKS2 header may ask for before a passphrase is tried. A header is data: one
 * from an untrusted image could otherwise stall the unlock for hours (pbkdf2 iterations up to 2^31,
 * argon2 passes without end) or exhaust memory (argon2 up to 4 GiB, which a small VM does not
 * have). The defaults sit far above what cryptsetup calibrates (about 2 s on the formatting
 * machine, argon2 memory at most 1 GiB); {@value #PROPERTY}{@code =off} lifts them for a header
 * that is trusted.
 */
record KdfLimits(long maxPbkdf2Iterations, long maxArgon2MemoryKiB, long maxArgon2Work) {

    /** The system property that turns the limits off: {@code -Dunikernel.luks.kdf-limits=off}. */
    static final String PROPERTY = "unikernel.luks.kdf-limits";

    /**
     * 16 million pbkdf2 iterations (cryptsetup's 2 s calibration gives 1 to 4 million), argon2 with
     * 1 GiB of memory (cryptsetup's own maximum for new keyslots) and 16 GiB of memory passes
     * ({@code time * memory}: 16 passes over 1 GiB, or 512 over 32 MiB).
     */
    static final KdfLimits DEFAULT = new KdfLimits(16_000_000L, 1024L * 1024, 16L * 1024 * 1024);

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

package dev.unikernel.luks;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * How a new keyslot turns its passphrase into a key: argon2id (the LUKS2 default) or pbkdf2 with
 * sha256, either with explicit costs or with costs measured on this machine to take a target
 * unlock time, as {@code cryptsetup --iter-time} does. Costs are checked against cryptsetup's
 * limits (argon2: at least 4 iterations, 32 KiB to 4 GiB, 1 to 4 lanes; pbkdf2: at least 1000
 * iterations) so cryptsetup accepts every keyslot we write.
 */
public final class LuksKdf {

    /** cryptsetup's default unlock time. */
    public static final Duration DEFAULT_UNLOCK_TIME = Duration.ofSeconds(2);
    /** cryptsetup's default upper bound for argon2 memory, also capped to half the Java heap. */
    public static final int DEFAULT_MAX_MEMORY_KIB = 1024 * 1024;

    private final boolean argon2id;
    private final Duration unlockTime;
    private final int iterations;
    private final int memoryKiB;
    private final int parallelism;

    private LuksKdf(boolean argon2id, Duration unlockTime, int iterations, int memoryKiB, int parallelism) {
        this.argon2id = argon2id;
        this.unlockTime = unlockTime;
        this.iterations = iterations;
        this.memoryKiB = memoryKiB;
        this.parallelism = parallelism;
    }

    /** argon2id calibrated to cryptsetup's default unlock time of 2 seconds. */
    public static LuksKdf defaults() {
        return argon2id(DEFAULT_UNLOCK_TIME);
    }

    /** argon2id whose costs are measured here to take about {@code unlockTime}, memory up to 1 GiB (and half the heap). */
    public static LuksKdf argon2id(Duration unlockTime) {
        return argon2id(unlockTime, DEFAULT_MAX_MEMORY_KIB);
    }

    /** argon2id calibrated to {@code unlockTime} with at most {@code maxMemoryKiB} of memory. */
    public static LuksKdf argon2id(Duration unlockTime, int maxMemoryKiB) {
        checkTime(unlockTime);
        checkArgon2(4, maxMemoryKiB, 1);
        return new LuksKdf(true, unlockTime, 0, maxMemoryKiB, defaultParallelism());
    }

    /** argon2id with fixed costs: {@code iterations} passes over {@code memoryKiB} KiB in {@code parallelism} lanes. */
    public static LuksKdf argon2id(int iterations, int memoryKiB, int parallelism) {
        checkArgon2(iterations, memoryKiB, parallelism);
        return new LuksKdf(true, null, iterations, memoryKiB, parallelism);
    }

    /** pbkdf2-sha256 with the iteration count measured here to take about {@code unlockTime}. */
    public static LuksKdf pbkdf2(Duration unlockTime) {
        checkTime(unlockTime);
        return new LuksKdf(false, unlockTime, 0, 0, 0);
    }

    /** pbkdf2-sha256 with a fixed iteration count (at least 1000). */
    public static LuksKdf pbkdf2(int iterations) {
        if (iterations < 1000) {
            throw new IllegalArgumentException("pbkdf2 needs at least 1000 iterations (cryptsetup's minimum): " + iterations);
        }
        return new LuksKdf(false, null, iterations, 0, 0);
    }

    /** "argon2id" or "pbkdf2". */
    public String type() {
        return argon2id ? "argon2id" : "pbkdf2";
    }

    /** True when the costs are measured on this machine rather than given. */
    public boolean isCalibrated() {
        return unlockTime != null;
    }

    /** Concrete costs with a fresh salt: measured now if calibrated. */
    KdfParameters resolve(SecureRandom random) {
        byte[] salt = new byte[KdfParameters.SALT_LENGTH];
        random.nextBytes(salt);
        if (!argon2id) {
            int count = unlockTime == null ? iterations : KdfCalibration.pbkdf2Iterations(unlockTime);
            return new KdfParameters.Pbkdf2Parameters("sha256", count, salt);
        }
        if (unlockTime == null) {
            return new KdfParameters.Argon2Parameters(true, iterations, memoryKiB, parallelism, salt);
        }
        int[] costs = KdfCalibration.argon2Costs(unlockTime, memoryKiB, parallelism);
        return new KdfParameters.Argon2Parameters(true, costs[0], costs[1], parallelism, salt);
    }

    @Override
    public String toString() {
        if (unlockTime != null) {
            return type() + " for " + unlockTime.toMillis() + " ms";
        }
        return argon2id
                ? "argon2id (" + iterations + " iterations, " + memoryKiB + " KiB, " + parallelism + " lanes)"
                : "pbkdf2-sha256 (" + iterations + " iterations)";
    }

    private static int defaultParallelism() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }

    private static void checkTime(Duration unlockTime) {
        if (unlockTime.isNegative() || unlockTime.isZero() || unlockTime.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("unlock time must be between 1 ms and 10 minutes: " + unlockTime);
        }
    }

    private static void checkArgon2(int iterations, int memoryKiB, int parallelism) {
        if (iterations < 4) {
            throw new IllegalArgumentException("argon2id needs at least 4 iterations (cryptsetup's minimum): " + iterations);
        }
        if (memoryKiB < 32 || memoryKiB > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("argon2id memory must be 32 KiB to 4 GiB: " + memoryKiB + " KiB");
        }
        if (parallelism < 1 || parallelism > 4 || memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("argon2id parallelism must be 1 to 4 (and memory at least 8 KiB per lane): " + parallelism);
        }
    }
}

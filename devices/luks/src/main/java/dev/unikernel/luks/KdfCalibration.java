package dev.unikernel.luks;

import java.time.Duration;

/**
 * Measures this machine to choose KDF costs for a target unlock time, like cryptsetup's PBKDF
 * benchmark: a short timed run, scaled linearly (argon2 cost grows with memory x passes, pbkdf2
 * with iterations).
 */
final class KdfCalibration {

    private static final byte[] PROBE_PASSWORD = {'p', 'r', 'o', 'b', 'e'};
    private static final byte[] PROBE_SALT = new byte[KdfParameters.SALT_LENGTH];
    private static final int MIN_ARGON2_ITERATIONS = 4;
    private static final int MIN_ARGON2_MEMORY_KIB = 32 * 1024;
    /** cryptsetup's time for the volume key digest's PBKDF2 (LUKS_MKD_ITERATIONS_MS). */
    static final Duration DIGEST_TIME = Duration.ofMillis(125);

    private KdfCalibration() {
    }

    /** PBKDF2-SHA256 iterations taking about {@code target}, at least 1000. */
    static int pbkdf2Iterations(Duration target) {
        double perMilli = pbkdf2IterationsPerMilli();
        return (int) Math.max(1000, Math.min(Integer.MAX_VALUE, perMilli * target.toMillis()));
    }

    /** {iterations, memory KiB} for argon2id taking about {@code target}, memory up to {@code maxMemoryKiB}. */
    static int[] argon2Costs(Duration target, int maxMemoryKiB, int parallelism) {
        long heapKiB = Runtime.getRuntime().maxMemory() / 1024 / 2;
        int memory = (int) Math.max(MIN_ARGON2_MEMORY_KIB, Math.min(maxMemoryKiB, heapKiB)) / 1024 * 1024;
        int probeMemory = Math.min(memory, 64 * 1024);
        try {
            Argon2.derive(true, PROBE_PASSWORD, PROBE_SALT, 1, 8 * 1024, parallelism, 32);
            long start = System.nanoTime();
            Argon2.derive(true, PROBE_PASSWORD, PROBE_SALT, 1, probeMemory, parallelism, 32);
            double nanosPerKiBPass = (double) (System.nanoTime() - start) / probeMemory;
            double targetNanos = target.toNanos();
            long passes = (long) (targetNanos / (nanosPerKiBPass * memory));
            if (passes >= MIN_ARGON2_ITERATIONS) {
                return new int[] {(int) Math.min(passes, Integer.MAX_VALUE), memory};
            }
            // Too slow for 4 passes over the full memory: keep 4 passes and shrink the memory.
            int reduced = (int) (targetNanos / (nanosPerKiBPass * MIN_ARGON2_ITERATIONS)) / 1024 * 1024;
            return new int[] {MIN_ARGON2_ITERATIONS, Math.max(MIN_ARGON2_MEMORY_KIB, Math.min(memory, reduced))};
        } catch (LuksException e) {
            throw new IllegalStateException("argon2id calibration failed: " + e.getMessage(), e);
        }
    }

    private static double pbkdf2IterationsPerMilli() {
        try {
            int iterations = 4096;
            while (true) {
                long start = System.nanoTime();
                Pbkdf2.derive("sha256", PROBE_PASSWORD, PROBE_SALT, iterations, 32);
                long elapsed = System.nanoTime() - start;
                if (elapsed > 50_000_000L || iterations >= 1 << 26) {
                    return iterations / (elapsed / 1e6);
                }
                iterations *= 2;
            }
        } catch (LuksException e) {
            throw new IllegalStateException("pbkdf2 calibration failed: " + e.getMessage(), e);
        }
    }
}

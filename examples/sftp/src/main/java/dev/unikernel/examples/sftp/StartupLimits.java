package dev.unikernel.examples.sftp;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How many connections may be unauthenticated at once, as OpenSSH's {@code MaxStartups start:rate:full}
 * and {@code PerSourceMaxStartups}: from {@code start} unauthenticated connections on, a new one is
 * refused with a probability rising linearly from {@code rate}% to 100% at {@code full}; and no source
 * ({@link ClientSources}) holds more than {@code perSource} at once. Each check is O(1) under one lock.
 */
final class StartupLimits {

    /** sshd's {@code MaxStartups} default, 10:30:100. */
    static final int START = 10;
    static final int RATE = 30;
    static final int FULL = 100;
    /**
     * sshd has no per-source default ({@code none}): a single source may hold all 100. Ours is below
     * {@link #START}, so that one source alone never brings on the random early drop for the others.
     */
    static final int PER_SOURCE = 8;

    /** Why a connection was refused, for the log. */
    enum Refusal {
        FULL, RANDOM_EARLY_DROP, PER_SOURCE
    }

    /** A connection counted as unauthenticated until {@link #release()} (idempotent). */
    final class Startup {
        private final String source;
        private boolean released;

        private Startup(String source) {
            this.source = source;
        }

        String source() {
            return source;
        }

        /** Once the connection has logged in or closed. */
        void release() {
            synchronized (StartupLimits.this) {
                if (released) {
                    return;
                }
                released = true;
                unauthenticated--;
                perSource.computeIfPresent(source, (s, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    /** A new connection's outcome: a startup to release later, or the reason it was refused. */
    record Admission(Startup startup, Refusal refusal) {
        boolean admitted() {
            return startup != null;
        }
    }

    private final int start;
    private final int rate;
    private final int full;
    private final int perSourceLimit;
    private final RandomGenerator random;
    private final Map<String, Integer> perSource = new HashMap<>();
    private int unauthenticated;

    StartupLimits(RandomGenerator random) {
        this(START, RATE, FULL, PER_SOURCE, random);
    }

    StartupLimits(int start, int rate, int full, int perSourceLimit, RandomGenerator random) {
        if (start < 1 || start > full || rate < 0 || rate > 100 || perSourceLimit < 1) {
            throw new IllegalArgumentException("startup limits " + start + ":" + rate + ":" + full + " per source "
                    + perSourceLimit + " are not 1 <= start <= full, 0 <= rate <= 100, per source >= 1");
        }
        this.start = start;
        this.rate = rate;
        this.full = full;
        this.perSourceLimit = perSourceLimit;
        this.random = random;
    }

    synchronized Admission admit(String source) {
        if (perSource.getOrDefault(source, 0) >= perSourceLimit) {
            return new Admission(null, Refusal.PER_SOURCE);
        }
        if (unauthenticated >= full) {
            return new Admission(null, Refusal.FULL);
        }
        if (unauthenticated >= start && rate < 100) {
            // sshd's should_drop_connection: p% from rate at start to 100 at full.
            int p = rate + (100 - rate) * (unauthenticated - start) / (full - start);
            if (random.nextInt(100) < p) {
                return new Admission(null, Refusal.RANDOM_EARLY_DROP);
            }
        } else if (unauthenticated >= start) {
            return new Admission(null, Refusal.RANDOM_EARLY_DROP);
        }
        unauthenticated++;
        perSource.merge(source, 1, Integer::sum);
        return new Admission(new Startup(source), null);
    }

    synchronized int unauthenticated() {
        return unauthenticated;
    }

    synchronized int unauthenticated(String source) {
        return perSource.getOrDefault(source, 0);
    }
}

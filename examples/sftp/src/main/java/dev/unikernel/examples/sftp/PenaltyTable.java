package dev.unikernel.examples.sftp;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The per-source penalties of {@link LoginPenalties}, bounded to {@code capacity} sources. Every
 * operation is a hash lookup plus O(log n) in an index by expiry; nothing scans the table. When it is
 * full, expired entries go first, then the entry that expires soonest (OpenSSH's
 * {@code overflow:permissive} drops penalties early too): a flood of new sources never gives a new one a
 * free pass, it shortens the smallest penalty held.
 */
final class PenaltyTable {

    /** When a source's penalty runs out, and whether it has reached the threshold (refusing). */
    record Penalty(String source, long expiresAt, boolean refusing, long order) {
    }

    private final int capacity;
    private final Map<String, Penalty> bySource = new HashMap<>();
    /** By expiry (System.nanoTime values; they do not wrap within a run), then insertion order for ties. */
    private final TreeSet<Penalty> byExpiry = new TreeSet<>(
            Comparator.comparingLong(Penalty::expiresAt).thenComparingLong(Penalty::order));
    private long nextOrder;
    private long evictions;

    PenaltyTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a penalty table holds at least one source, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** The source's penalty, or null when it has none now. */
    Penalty get(String source, long now) {
        Penalty penalty = bySource.get(source);
        return penalty == null || penalty.expiresAt() - now <= 0 ? null : penalty;
    }

    /** Sets the source's penalty, making room when the table is full; returns true when an entry was evicted. */
    boolean put(String source, long expiresAt, boolean refusing, long now) {
        Penalty old = bySource.remove(source);
        if (old != null) {
            byExpiry.remove(old);
        }
        purgeExpired(now);
        boolean evicted = false;
        if (bySource.size() >= capacity) {
            Penalty soonest = byExpiry.pollFirst();
            bySource.remove(soonest.source());
            evictions++;
            evicted = true;
        }
        Penalty penalty = new Penalty(source, expiresAt, refusing, nextOrder++);
        bySource.put(source, penalty);
        byExpiry.add(penalty);
        return evicted;
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return bySource.size();
    }

    long evictions() {
        return evictions;
    }

    /** Amortised O(1): each entry is removed once. */
    private void purgeExpired(long now) {
        while (!byExpiry.isEmpty() && byExpiry.first().expiresAt() - now <= 0) {
            bySource.remove(byExpiry.pollFirst().source());
        }
    }
}

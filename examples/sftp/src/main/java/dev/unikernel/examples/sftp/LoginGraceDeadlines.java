package dev.unikernel.examples.sftp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * OpenSSH's {@code LoginGraceTime} as a deadline fixed when the connection is accepted: nothing the
 * client sends (key exchanges, authentication attempts, single bytes) moves it, unlike MINA's
 * {@code AUTH_TIMEOUT}, which starts only once the key exchange is done. Every connection has the same
 * grace time, so deadlines come in accept order: a queue, checked from its head, costs O(1) per
 * connection; connections that logged in or closed meanwhile are dropped when their turn comes.
 */
final class LoginGraceDeadlines<T> {

    /** sshd's default is 120 s; ours is shorter: a key login takes well under a second. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private record Deadline<T>(T connection, long at) {
    }

    private final long graceNanos;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Deadline<T>> queue = new ArrayDeque<>();

    LoginGraceDeadlines(Duration grace, LongSupplier nanoTime) {
        this.graceNanos = grace.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Starts {@code connection}'s grace time now (call at accept). */
    synchronized void track(T connection) {
        queue.addLast(new Deadline<>(connection, nanoTime.getAsLong() + graceNanos));
    }

    /** The connections whose grace time has run out, removed from the queue, in accept order. */
    synchronized List<T> expired() {
        long now = nanoTime.getAsLong();
        List<T> expired = new ArrayList<>();
        while (!queue.isEmpty() && queue.peekFirst().at() - now <= 0) {
            expired.add(queue.removeFirst().connection());
        }
        return expired;
    }

    synchronized int tracked() {
        return queue.size();
    }
}

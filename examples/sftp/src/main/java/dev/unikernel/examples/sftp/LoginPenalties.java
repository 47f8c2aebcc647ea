package dev.unikernel.examples.sftp;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows repeated failed logins per source, the way OpenSSH's {@code PerSourcePenalties} does: every
 * connection that ends without logging in adds to its source's penalty ({@link #AUTH_FAILED} after a
 * failed attempt, {@link #GRACE_EXCEEDED} when cut at the login grace time, {@link #NO_AUTH} when it
 * never tried: a key exchange and nothing more, or not even that); once a penalty reaches
 * {@link #THRESHOLD}, new connections from that source are refused ({@link PreAuthGate}) until it runs
 * out (at most {@link #MAXIMUM} ahead). A client that tries several keys before the right one is not
 * penalised: only connections that never log in count. Sources are {@link ClientSources}.
 */
final class LoginPenalties implements SessionListener {

    /** sshd's {@code authfail}: 5 s. */
    static final Duration AUTH_FAILED = Duration.ofSeconds(5);
    /** sshd's {@code noauth} is 1 s; ours 2 s: six or so such connections in quick succession reach the threshold. */
    static final Duration NO_AUTH = Duration.ofSeconds(2);
    /** sshd's {@code grace-exceeded}: 20 s (OpenSSH 9.8), 10 s later; ours 20 s, so one is refused at once. */
    static final Duration GRACE_EXCEEDED = Duration.ofSeconds(20);
    /** sshd's {@code min} is 15 s; ours 10 s: two quick failures stay below it, a third reaches it. */
    static final Duration THRESHOLD = Duration.ofSeconds(10);
    /** sshd's {@code max}: 10 minutes. */
    static final Duration MAXIMUM = Duration.ofMinutes(10);
    /** sshd's {@code max-sources4}/{@code max-sources6}: 65536; past it the entry expiring soonest makes room. */
    static final int MAX_SOURCES = 65_536;

    private static final Logger LOG = LoggerFactory.getLogger(LoginPenalties.class);
    private static final AttributeKey<Boolean> FAILED_ATTEMPT = new AttributeKey<>();
    private static final AttributeKey<Boolean> GRACE_TIME_EXCEEDED = new AttributeKey<>();

    private final LongSupplier nanoTime;
    private final PenaltyTable penalties;
    /** When the full table was last reported (at most one warning a minute); MIN_VALUE: never. */
    private long warnedFullAt = Long.MIN_VALUE;

    LoginPenalties() {
        this(System::nanoTime, MAX_SOURCES);
    }

    LoginPenalties(LongSupplier nanoTime, int maxSources) {
        this.nanoTime = nanoTime;
        this.penalties = new PenaltyTable(maxSources);
    }

    /** Called by the authenticators when an attempt fails. */
    static void failedAttempt(ServerSession session) {
        session.setAttribute(FAILED_ATTEMPT, Boolean.TRUE);
    }

    /** Called by {@link PreAuthGate} before it closes a connection at the login grace time. */
    static void graceTimeExceeded(Session session) {
        session.setAttribute(GRACE_TIME_EXCEEDED, Boolean.TRUE);
    }

    @Override
    public void sessionClosed(Session session) {
        if (!(session instanceof ServerSession server) || server.isAuthenticated()) {
            return;
        }
        Duration penalty = Boolean.TRUE.equals(server.getAttribute(GRACE_TIME_EXCEEDED)) ? GRACE_EXCEEDED
                : Boolean.TRUE.equals(server.getAttribute(FAILED_ATTEMPT)) ? AUTH_FAILED : NO_AUTH;
        penalise(server.getClientAddress(), penalty);
    }

    /** Nanoseconds until connections from {@code remote} are accepted again; 0 when they are now. */
    long remainingNanos(SocketAddress remote) {
        String source = ClientSources.of(remote);
        long now = nanoTime.getAsLong();
        synchronized (this) {
            PenaltyTable.Penalty penalty = penalties.get(source, now);
            return penalty == null || !penalty.refusing() ? 0 : penalty.expiresAt() - now;
        }
    }

    void penalise(SocketAddress remote, Duration amount) {
        String source = ClientSources.of(remote);
        long now = nanoTime.getAsLong();
        boolean startsRefusing;
        boolean evicted;
        long expiresAt;
        synchronized (this) {
            PenaltyTable.Penalty current = penalties.get(source, now);
            long from = current != null ? current.expiresAt() : now;
            expiresAt = Math.min(from + amount.toNanos(), now + MAXIMUM.toNanos());
            boolean wasRefusing = current != null && current.refusing();
            boolean refusing = wasRefusing || expiresAt - now >= THRESHOLD.toNanos();
            evicted = penalties.put(source, expiresAt, refusing, now);
            startsRefusing = refusing && !wasRefusing;
            if (evicted && (warnedFullAt != Long.MIN_VALUE && now - warnedFullAt < Duration.ofMinutes(1).toNanos())) {
                evicted = false;
            } else if (evicted) {
                warnedFullAt = now;
            }
        }
        if (evicted) {
            LOG.warn("login penalties: {} sources penalised, the table is full: the penalties expiring soonest "
                    + "are dropped early to make room", penalties.capacity());
        }
        if (startsRefusing) {
            LOG.warn("repeated failed logins from {}: refusing its connections for {} s", source, seconds(expiresAt - now));
        }
    }

    synchronized int sources() {
        return penalties.size();
    }

    private static long seconds(long nanos) {
        return Math.max(1, Duration.ofNanos(nanos).toSeconds());
    }
}

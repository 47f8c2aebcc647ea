package dev.unikernel.examples.sftp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows repeated failed logins per source, the way OpenSSH's {@code PerSourcePenalties} does: a
 * connection that ends without logging in after a failed attempt adds {@link #PER_FAILURE} to its
 * source's penalty; once a penalty reaches {@link #THRESHOLD}, new connections from that source are
 * refused until it runs out (at most {@link #MAXIMUM} ahead). A client that tries several keys before
 * the right one is not penalised: only connections that never log in count. IPv6 sources are
 * grouped by /64, since one host usually holds a whole /64.
 */
final class LoginPenalties implements SessionListener {

    static final Duration PER_FAILURE = Duration.ofSeconds(5);
    /** Two quick failures stay below it, a third reaches it: a mistyped key or two never locks anyone out. */
    static final Duration THRESHOLD = Duration.ofSeconds(10);
    static final Duration MAXIMUM = Duration.ofMinutes(10);
    /** Bounds the table: a flood of sources must not exhaust memory; past it, new sources go unpenalised. */
    static final int MAX_SOURCES = 65_536;

    private static final Logger LOG = LoggerFactory.getLogger(LoginPenalties.class);
    private static final AttributeKey<Boolean> FAILED_ATTEMPT = new AttributeKey<>();

    /** When a source's penalty runs out, and whether it has reached the threshold (refusing). */
    private record Penalty(long expiresAt, boolean refusing) {
    }

    private final LongSupplier nanoTime;
    private final Map<String, Penalty> penalties = new HashMap<>();
    private boolean warnedFull;

    LoginPenalties() {
        this(System::nanoTime);
    }

    LoginPenalties(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Called by the authenticators when an attempt fails. */
    static void failedAttempt(ServerSession session) {
        session.setAttribute(FAILED_ATTEMPT, Boolean.TRUE);
    }

    @Override
    public void sessionCreated(Session session) {
        if (session instanceof ServerSession server && remainingNanos(server.getClientAddress()) > 0) {
            // Closed before key exchange: the client sees only the banner and the connection end.
            server.close(true);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        if (session instanceof ServerSession server && !server.isAuthenticated()
                && Boolean.TRUE.equals(server.getAttribute(FAILED_ATTEMPT))) {
            penalise(server.getClientAddress());
        }
    }

    /** Nanoseconds until connections from {@code remote} are accepted again; 0 when they are now. */
    synchronized long remainingNanos(SocketAddress remote) {
        Penalty penalty = penalties.get(source(remote));
        long now = nanoTime.getAsLong();
        if (penalty == null || !penalty.refusing() || penalty.expiresAt() - now <= 0) {
            return 0;
        }
        return penalty.expiresAt() - now;
    }

    synchronized void penalise(SocketAddress remote) {
        String source = source(remote);
        long now = nanoTime.getAsLong();
        Penalty current = penalties.get(source);
        if (current == null && penalties.size() >= MAX_SOURCES) {
            penalties.values().removeIf(p -> p.expiresAt() - now <= 0);
            if (penalties.size() >= MAX_SOURCES) {
                if (!warnedFull) {
                    LOG.warn("login penalties: {} sources penalised, not tracking more until some expire", MAX_SOURCES);
                    warnedFull = true;
                }
                return;
            }
        }
        warnedFull = false;
        boolean active = current != null && current.expiresAt() - now > 0;
        long from = active ? current.expiresAt() : now;
        long expiresAt = Math.min(from + PER_FAILURE.toNanos(), now + MAXIMUM.toNanos());
        boolean refusing = (active && current.refusing()) || expiresAt - now >= THRESHOLD.toNanos();
        penalties.put(source, new Penalty(expiresAt, refusing));
        if (refusing && !(active && current.refusing())) {
            LOG.warn("repeated failed logins from {}: refusing its connections for {} s", source, seconds(expiresAt - now));
        }
    }

    private static String source(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return String.valueOf(remote);
        }
        InetAddress address = inet.getAddress();
        if (address instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(Arrays.copyOf(address.getAddress(), 8), 16);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an IPv6 address", e);
            }
        }
        return address.getHostAddress();
    }

    private static long seconds(long nanos) {
        return Math.max(1, Duration.ofNanos(nanos).toSeconds());
    }
}

package dev.unikernel.examples.sftp;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.ServerFactoryManager;
import org.apache.sshd.server.session.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a connection meets before it may log in, at the point MINA hands over an accepted socket (its
 * {@code IoHandler}): a penalised source ({@link LoginPenalties}) or a connection past the
 * {@link StartupLimits} is closed there, before the server sends a byte and before any SSH session
 * exists; no thread waits on it. An admitted connection counts as unauthenticated until it logs in or
 * closes, and is closed when its {@link LoginGraceDeadlines login grace time} runs out.
 *
 * <p>MINA's own hook for this, {@code IoServiceEventListener.connectionAccepted}, refuses by throwing,
 * and MINA 2.x then leaves the accepted socket open: each refused connection would leak a descriptor.
 */
final class PreAuthGate extends SessionFactory implements SessionListener {

    /** How often expired grace times are looked for: a connection is cut at most this late. */
    static final Duration SWEEP = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(PreAuthGate.class);
    private static final AttributeKey<StartupLimits.Startup> STARTUP = new AttributeKey<>();

    private final StartupLimits limits;
    private final LoginPenalties penalties;
    private final LoginGraceDeadlines<Session> deadlines;
    private final Duration grace;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - Duration.ofMinutes(1).toNanos());
    private ScheduledFuture<?> sweeping;

    PreAuthGate(ServerFactoryManager server, StartupLimits limits, LoginPenalties penalties, Duration grace) {
        super(server);
        this.limits = limits;
        this.penalties = penalties;
        this.grace = grace;
        this.deadlines = new LoginGraceDeadlines<>(grace, System::nanoTime);
    }

    /** Starts cutting connections at their grace time, on MINA's timer thread (no thread of its own). */
    void startSweeping(ScheduledExecutorService timer) {
        sweeping = timer.scheduleWithFixedDelay(this::closeExpired, SWEEP.toMillis(), SWEEP.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stopSweeping() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }

    @Override
    public void sessionCreated(IoSession connection) throws Exception {
        long penalised = penalties.remainingNanos(connection.getRemoteAddress());
        if (penalised > 0) {
            refuse(connection, "its source is penalised for failed logins");
            return;
        }
        StartupLimits.Admission admission = limits.admit(ClientSources.of(connection.getRemoteAddress()));
        if (!admission.admitted()) {
            refuse(connection, switch (admission.refusal()) {
                case PER_SOURCE -> StartupLimits.PER_SOURCE + " unauthenticated connections from its source already";
                case FULL -> StartupLimits.FULL + " unauthenticated connections already";
                case RANDOM_EARLY_DROP -> "random early drop (more than " + StartupLimits.START
                        + " unauthenticated connections)";
            });
            return;
        }
        StartupLimits.Startup startup = admission.startup();
        try {
            super.sessionCreated(connection);
        } catch (Exception | Error e) {
            startup.release();
            throw e;
        }
        AbstractSession session = AbstractSession.getSession(connection, true);
        if (session == null) {
            startup.release();
            return;
        }
        session.setAttribute(STARTUP, startup);
        deadlines.track(session);
        // Registered after creation: if the session closed meanwhile, the listener runs at once.
        session.addCloseFutureListener(closed -> startup.release());
    }

    /** A refused connection has no session attached; MINA still reports its close. */
    @Override
    public void sessionClosed(IoSession connection) throws Exception {
        if (AbstractSession.getSession(connection, true) != null) {
            super.sessionClosed(connection);
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            StartupLimits.Startup startup = session.getAttribute(STARTUP);
            if (startup != null) {
                startup.release();
            }
        }
    }

    private void refuse(IoSession connection, String why) {
        connection.close(true);
        long count = refused.incrementAndGet();
        long now = System.nanoTime();
        long last = lastRefusalLog.get();
        // A flood refuses thousands: one line a minute at most, with the count since.
        if (now - last >= Duration.ofMinutes(1).toNanos() && lastRefusalLog.compareAndSet(last, now)) {
            LOG.warn("refused a connection from {} before key exchange: {} ({} refused so far)",
                    connection.getRemoteAddress(), why, count);
        }
    }

    private void closeExpired() {
        try {
            for (Session session : deadlines.expired()) {
                if (!session.isAuthenticated() && session.isOpen()) {
                    LoginPenalties.graceTimeExceeded(session);
                    LOG.info("connection from {} did not log in within {} s (the login grace time): closed",
                            session.getIoSession().getRemoteAddress(), grace.toSeconds());
                    session.close(true);
                }
            }
        } catch (RuntimeException e) {
            // The timer must keep running: a failure here would leave every later connection uncut.
            LOG.warn("closing connections past the login grace time failed: {}", e.toString());
        }
    }

    /** For tests and the docs: how many connections are now unauthenticated. */
    int unauthenticated() {
        return limits.unauthenticated();
    }
}

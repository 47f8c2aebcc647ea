package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits before and just after login, against sshd's defaults (docs/limits.md): a flood of idle
 * connections is refused at accept and does not keep a listed key out; a connection that never logs in
 * is cut at the login grace time whatever it keeps sending, and its source penalised; a connection
 * opens at most 10 sessions (MaxSessions) and a refused one starts no thread; a user holds at most 32
 * SFTP sessions.
 */
class SftpPreAuthLimitsTest {

    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;
    private static final int FLOOD = 300;
    /** StartupLimits.PER_SOURCE: the flood's one source holds at most this many. */
    private static final int PER_SOURCE = 8;
    /** LoginGraceDeadlines.GRACE. */
    private static final int GRACE_SECONDS = 30;
    /** SessionChannelLimit.MAX_SESSIONS, as sshd's MaxSessions. */
    private static final int MAX_SESSIONS = 10;
    /**
     * The documented bound on what a flood adds to the server's descriptors: one per admitted connection
     * (10 from one source), plus the legitimate client's and a margin for connections being refused.
     */
    private static final int FLOOD_DESCRIPTOR_BOUND = PER_SOURCE + 20;

    @BeforeAll
    static void build() throws Exception {
        SftpExampleTest.build();
    }

    @Test
    @Timeout(300)
    void aFloodOfIdleConnectionsIsRefusedAtAcceptAndAListedKeyStillLogsIn(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work,
                setup.arguments(work.resolve("disk.img"), "--create-size=40M"))) {
            // The listed key works before the flood, from another loopback address than the flood's.
            SftpClient listed = new SftpClient(work, setup.identity(), server.port).withOption("BindAddress=127.0.0.2");
            listed.batchOk("ls");
            int baseline = descriptors(server.pid());
            int threadsBefore = threads(server.pid());

            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < FLOOD; i++) {
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port), 5000);
                    flood.add(socket);
                }
                Thread.sleep(1000);
                int duringFlood = descriptors(server.pid());

                long start = System.nanoTime();
                listed.batchOk("ls");
                double loginSeconds = (System.nanoTime() - start) / 1e9;
                int afterLogin = descriptors(server.pid());
                int held = 0;
                for (Socket socket : flood) {
                    if (!closedByServer(socket, Duration.ofMillis(20))) {
                        held++;
                    }
                }
                int threadsDuring = threads(server.pid());
                System.out.printf("flood: %d idle connections from 127.0.0.1: %d held, %d closed at accept; server "
                        + "descriptors %d before, %d during, %d after a login from 127.0.0.2 in %.2f s; threads %d before, "
                        + "%d during%n", FLOOD, held, FLOOD - held, baseline, duringFlood, afterLogin, loginSeconds,
                        threadsBefore, threadsDuring);
                assertTrue(loginSeconds < 10, "the listed key took " + loginSeconds + " s to log in under the flood");
                assertTrue(held <= PER_SOURCE, held + " flood connections held open (at most " + PER_SOURCE + ")");
                assertTrue(Math.max(duringFlood, afterLogin) - baseline <= FLOOD_DESCRIPTOR_BOUND,
                        "the flood took the server from " + baseline + " to " + Math.max(duringFlood, afterLogin)
                                + " descriptors (bound: +" + FLOOD_DESCRIPTOR_BOUND + ")");
                assertTrue(threadsDuring - threadsBefore <= 5, "the flood started threads: " + threadsBefore + " to "
                        + threadsDuring);
            } finally {
                for (Socket socket : flood) {
                    socket.close();
                }
            }
            assertTrue(server.output().contains("before key exchange: " + PER_SOURCE
                    + " unauthenticated connections from its source already"), server.output());
            assertEquals(0, server.stop(), server.output());
        }
    }

    /**
     * Two connections that never log in but keep the server busy: one trickles a byte of a key exchange
     * every two seconds (MINA's idle timeout restarts at each, and its AUTH_TIMEOUT only starts once a key
     * exchange is done), one finishes the key exchange and re-keys every three seconds. Both are cut at
     * the 30 s grace time, and their source is then refused for a while (a penalty of 20 s each).
     */
    @Test
    @Timeout(300)
    void aConnectionThatNeverLogsInIsCutAtTheGraceTimeWhateverItSends(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work,
                setup.arguments(work.resolve("disk.img"), "--create-size=40M"));
                MinaSftp mina = new MinaSftp()) {
            CompletableFuture<Double> trickle = CompletableFuture.supplyAsync(() -> trickle(server.port));
            long start = System.nanoTime();
            ClientSession rekeying = mina.connect(server.port);
            // When the session closed, not when this loop noticed (a key exchange cut short waits for its timeout).
            java.util.concurrent.atomic.AtomicLong closedAt = new java.util.concurrent.atomic.AtomicLong();
            rekeying.addCloseFutureListener(closed -> closedAt.compareAndSet(0, System.nanoTime()));
            rekeying.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH), MinaSftp.TIMEOUT);
            int rekeys = 0;
            while (rekeying.isOpen() && System.nanoTime() - start < Duration.ofSeconds(GRACE_SECONDS + 15).toNanos()) {
                Thread.sleep(3000);
                try {
                    rekeying.reExchangeKeys().verify(Duration.ofSeconds(10));
                    rekeys++;
                } catch (IOException closed) {
                    break;
                }
            }
            rekeying.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), Duration.ofSeconds(5));
            boolean rekeyingClosed = closedAt.get() != 0;
            double rekeyingSeconds = ((rekeyingClosed ? closedAt.get() : System.nanoTime()) - start) / 1e9;
            rekeying.close(true);
            double trickleSeconds = trickle.get(90, TimeUnit.SECONDS);
            System.out.printf("grace time: a trickling connection cut after %.1f s, a re-keying one (%d key exchanges) "
                    + "after %.1f s%n", trickleSeconds, rekeys, rekeyingSeconds);
            assertTrue(rekeyingClosed, "a re-keying connection lived " + rekeyingSeconds + " s without logging in");
            assertTrue(trickleSeconds >= GRACE_SECONDS - 1 && trickleSeconds <= GRACE_SECONDS + 3,
                    "the trickling connection was cut after " + trickleSeconds + " s");
            assertTrue(rekeyingSeconds <= GRACE_SECONDS + 4, "the re-keying connection was cut after " + rekeyingSeconds + " s");
            assertTrue(rekeys >= 5, "only " + rekeys + " key exchanges");
            assertTrue(server.output().contains("did not log in within " + GRACE_SECONDS + " s"), server.output());

            // 40 s of penalty for 127.0.0.1: even the listed key is refused now.
            Command.Result refused = new SftpClient(work, setup.identity(), server.port).batch("ls");
            assertNotEquals(0, refused.exitCode(), "a source cut twice at the grace time logged in:\n" + refused.output());
            assertFalse(refused.output().contains("Permission denied"), refused.output());
            assertEquals(0, server.stop(), server.output());
        }
    }

    /** Connections that finish the key exchange and never try a key earn a penalty too (2 s each): eight in a row refuse the source. */
    @Test
    @Timeout(300)
    void connectionsThatNeverTryAKeyArePenalised(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work,
                setup.arguments(work.resolve("disk.img"), "--create-size=40M"));
                MinaSftp mina = new MinaSftp()) {
            SftpClient listed = new SftpClient(work, setup.identity(), server.port);
            // Three at once stay below the threshold (6 s of 10): the listed key still logs in.
            keyExchangesOnly(mina, server.port, 3);
            listed.batchOk("ls");
            keyExchangesOnly(mina, server.port, 5);
            Thread.sleep(500); // the server's end of the last connections
            // 16 s of penalty, less the seconds the first three have run down: past the 10 s threshold.
            Command.Result refused = listed.batch("ls");
            assertNotEquals(0, refused.exitCode(), "eight connections without a key went unpenalised:\n" + refused.output());
            assertTrue(server.output().contains("repeated failed logins from 127.0.0.1: refusing its connections"),
                    server.output());
            assertEquals(0, server.stop(), server.output());
        }
    }

    /**
     * sshd's MaxSessions 10: MINA's client asks for 60 SFTP sessions on one connection; 10 open, the rest
     * are refused at channel open, and the refused ones start no thread on the server.
     */
    @Test
    @Timeout(300)
    void aConnectionOpensAtMostTenSessionsAndRefusedOnesStartNoThread(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work,
                setup.arguments(work.resolve("disk.img"), "--create-size=40M"));
                MinaSftp mina = new MinaSftp()) {
            KeyPair key = MinaSftp.loadIdentity(setup.identity());
            try (ClientSession session = mina.login(server.port, key)) {
                assertTrue(MinaSftp.sftp(session).stat("/").isDirectory()); // warm up; closed below with the session
                int threadsBefore = threads(server.pid());
                List<org.apache.sshd.sftp.client.SftpClient> opened = new ArrayList<>();
                int refused = 0;
                for (int i = 0; i < 60; i++) {
                    try {
                        org.apache.sshd.sftp.client.SftpClient sftp = MinaSftp.sftp(session);
                        sftp.stat("/");
                        opened.add(sftp);
                    } catch (IOException e) {
                        refused++;
                    }
                }
                Thread.sleep(500);
                int threadsAfter = threads(server.pid());
                System.out.printf("sessions: 60 SFTP channels asked for on one connection: %d opened, %d refused; server "
                        + "threads %d before, %d after%n", opened.size(), refused, threadsBefore, threadsAfter);
                // The warm-up channel may still be counted while it closes.
                assertTrue(opened.size() >= MAX_SESSIONS - 1 && opened.size() <= MAX_SESSIONS,
                        opened.size() + " sessions opened on one connection");
                assertTrue(threadsAfter - threadsBefore <= MAX_SESSIONS + 4,
                        "60 channels asked for took the server from " + threadsBefore + " to " + threadsAfter + " threads");
                // The connection survives the refusals: its open sessions still work.
                assertTrue(opened.getFirst().stat("/").isDirectory());
                for (org.apache.sshd.sftp.client.SftpClient sftp : opened) {
                    sftp.close();
                }
            }
            assertTrue(server.output().contains("as sshd's MaxSessions"), server.output());
            assertEquals(0, server.stop(), server.output());
        }
    }

    /** SftpSessionsPerUser: 4 connections asking for 10 SFTP sessions each get 32 in all, one thread each. */
    @Test
    @Timeout(300)
    void aUserHoldsAtMost32SftpSessions(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work,
                setup.arguments(work.resolve("disk.img"), "--create-size=40M"));
                MinaSftp mina = new MinaSftp()) {
            KeyPair key = MinaSftp.loadIdentity(setup.identity());
            List<ClientSession> sessions = new ArrayList<>();
            List<org.apache.sshd.sftp.client.SftpClient> opened = new ArrayList<>();
            int threadsBefore = threads(server.pid());
            int refused = 0;
            try {
                for (int c = 0; c < 4; c++) {
                    ClientSession session = mina.login(server.port, key);
                    sessions.add(session);
                    for (int i = 0; i < MAX_SESSIONS; i++) {
                        try {
                            org.apache.sshd.sftp.client.SftpClient sftp = MinaSftp.sftp(session);
                            sftp.stat("/");
                            opened.add(sftp);
                        } catch (IOException e) {
                            refused++;
                        }
                    }
                }
                int threadsAfter = threads(server.pid());
                System.out.printf("per user: 40 SFTP sessions asked for on 4 connections: %d opened, %d refused; server "
                        + "threads %d before, %d after%n", opened.size(), refused, threadsBefore, threadsAfter);
                assertEquals(32, opened.size());
                // Beside the 32: MINA starts its I/O threads as connections come (cores + 1 at most).
                assertTrue(threadsAfter - threadsBefore <= 32 + 8, threadsBefore + " to " + threadsAfter + " threads");
                assertTrue(opened.getLast().stat("/").isDirectory());
            } finally {
                for (ClientSession session : sessions) {
                    session.close(true);
                }
            }
            assertTrue(server.output().contains("refused an SFTP session for sftp: 32 are open (at most 32 per user)"),
                    server.output());
            assertEquals(0, server.stop(), server.output());
        }
    }

    /** {@code count} connections at once that finish the key exchange, then close without trying a key. */
    private static void keyExchangesOnly(MinaSftp mina, int port, int count) throws IOException {
        List<ClientSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sessions.add(mina.connect(port));
            }
            for (ClientSession session : sessions) {
                session.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH), MinaSftp.TIMEOUT);
                assertTrue(session.isOpen(), "a connection was refused before it could try");
            }
        } finally {
            for (ClientSession session : sessions) {
                session.close(true);
            }
        }
    }

    /**
     * A client that sends its identification and then one byte of a key exchange packet every two
     * seconds; returns the seconds until the server closed the connection (at most 60).
     */
    private static double trickle(int port) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("SSH-2.0-trickle\r\n".getBytes(StandardCharsets.US_ASCII));
            // A packet length of 1000: the server waits for the rest.
            byte[] header = {0, 0, 3, (byte) 0xe8};
            byte[] buffer = new byte[8192];
            for (int sent = 0; System.nanoTime() - start < Duration.ofSeconds(60).toNanos(); sent++) {
                out.write(sent < header.length ? header[sent] : 0);
                out.flush();
                try {
                    while (true) {
                        if (in.read(buffer) < 0) {
                            return (System.nanoTime() - start) / 1e9;
                        }
                    }
                } catch (SocketTimeoutException quiet) {
                    // two seconds without a byte from the server: send the next one
                }
            }
            return (System.nanoTime() - start) / 1e9;
        } catch (IOException closed) {
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** True when the server has closed {@code socket} (end of stream or reset) within {@code wait}. */
    private static boolean closedByServer(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static int descriptors(long pid) throws IOException {
        try (var entries = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) entries.count();
        }
    }

    private static int threads(long pid) throws IOException {
        try (var entries = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return (int) entries.count();
        }
    }
}

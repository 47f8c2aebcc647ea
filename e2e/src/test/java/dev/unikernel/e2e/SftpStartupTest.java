package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sftp example answers SSH while its volume still unlocks (argon2id takes seconds by design):
 * the banner comes before the ready line, and an SFTP session opened then waits for the volume.
 */
class SftpStartupTest {

    private static final Path SFTP = Examples.SFTP;
    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;

    @BeforeAll
    static void build() throws Exception {
        Examples.build(SFTP, "unix");
    }

    @Test
    void theBannerComesBeforeTheVolumeIsUnlockedAndAnEarlySessionWaitsForIt(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path disk = work.resolve("disk.img");
        try (ServerProcess first = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk, "--create-size=64M"))) {
            assertEquals(0, first.stop(), first.output());
        }
        // A second keyslot whose argon2id takes about 8 s: far longer than the SSH server needs to
        // start even on a loaded machine, so "banner before unlock" does not depend on luck.
        Path slowPassphrase = work.resolve("slow-passphrase");
        PrivateFiles.write(slowPassphrase, "a passphrase in a slow keyslot");
        Command.of(work, "cryptsetup", "luksAddKey", "--batch-mode", "--key-file", setup.passphrase().toString(),
                "--pbkdf", "argon2id", "--pbkdf-memory", "32768", "--pbkdf-parallel", "1", "--iter-time", "8000",
                disk.toString(), slowPassphrase.toString()).runOk(Duration.ofMinutes(2));

        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "--port=" + port));
        command.addAll(setup.arguments(disk));
        command.replaceAll(word -> word.startsWith("--passphrase-file=") ? "--passphrase-file=" + slowPassphrase : word);
        Path log = work.resolve("server.log");
        Process server = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            String banner = firstBannerLine(port, server);
            assertTrue(banner.startsWith("SSH-2.0-"), banner);
            String logAtBanner = Files.readString(log);
            assertFalse(logAtBanner.contains(SftpServerProcess.READY),
                    "the volume was already unlocked when the banner came: " + logAtBanner);

            Command.Result early = new SftpClient(work, setup.identity(), port).batch("ls -l");
            if (early.exitCode() != 0) {
                // The server's last lines (why it closed the session, or why it stopped) come after the
                // client's end: give them the time to reach the log.
                server.waitFor(10, TimeUnit.SECONDS);
            }
            assertEquals(0, early.exitCode(), early.output() + "\n" + Files.readString(log));
            String ready = Files.readString(log);
            // "SFTP server ready on ... in M ms (SSH from N ms)": SSH listened seconds before the volume was there.
            java.util.regex.Matcher times = java.util.regex.Pattern
                    .compile("SFTP server ready on \\S+ in (\\d+) ms \\(SSH from (\\d+) ms\\)").matcher(ready);
            assertTrue(times.find(), ready);
            assertTrue(Long.parseLong(times.group(1)) - Long.parseLong(times.group(2)) > 3000, ready);
        } finally {
            server.destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "server did not stop on SIGTERM");
        }
        assertEquals(0, server.exitValue(), Files.readString(log));
    }

    /** Connects as soon as the port listens and reads the server's identification line. */
    private static String firstBannerLine(int port, Process server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(10_000);
                return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
            } catch (java.net.ConnectException notYet) {
                assertTrue(server.isAlive(), "the server exited with " + (server.isAlive() ? 0 : server.exitValue()));
                assertTrue(System.nanoTime() < deadline, "nothing listened on port " + port + " within 60 s");
                Thread.sleep(5);
            }
        }
    }
}

package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * authorized_keys options as OpenSSH's sshd enforces them, tried with OpenSSH's sftp from 127.0.0.1:
 * {@code from=} refuses other addresses, {@code expiry-time=} refuses an expired key, and
 * {@code command="internal-sftp -R"} reads but never writes; an option the server cannot honour
 * stops it at start with the file, the line and the option in one line.
 */
class SftpAuthorizedKeyOptionsTest {

    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;

    @BeforeAll
    static void build() throws Exception {
        SftpExampleTest.build();
    }

    @Test
    @Timeout(300)
    void fromExpiryTimeAndReadOnlyCommandAreEnforced(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path elsewhere = key(work, "elsewhere");
        Path local = key(work, "local");
        Path network = key(work, "network");
        Path expired = key(work, "expired");
        Path reader = key(work, "reader");
        Files.writeString(setup.authorizedKeys(), String.join("\n",
                "from=\"10.9.9.9\",restrict " + publicKey(elsewhere),
                "from=\"127.0.0.1\",restrict " + publicKey(local),
                "restrict,from=\"10.0.0.0/8,!127.0.0.2,127.0.0.0/8,::1\" " + publicKey(network),
                "expiry-time=\"20000101\" " + publicKey(expired),
                "command=\"internal-sftp -R\",no-pty " + publicKey(reader), ""), java.nio.file.StandardOpenOption.APPEND);
        Path upload = work.resolve("upload.bin");
        Trees.randomFile(upload, 100_000, 7);

        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work,
                setup.arguments(work.resolve("disk.img"), "--create-size=40M"))) {
            new SftpClient(work, setup.identity(), server.port).batchOk("mkdir kept", "put upload.bin kept/file.bin");
            new SftpClient(work, local, server.port).batchOk("ls kept");
            new SftpClient(work, network, server.port).batchOk("ls kept");

            // Read-only: reads work; every write is refused with permission denied and changes nothing.
            SftpClient readOnly = new SftpClient(work, reader, server.port);
            readOnly.batchOk("get kept/file.bin fetched.bin", "ls -l kept");
            Trees.assertSameBytes(upload, work.resolve("fetched.bin"));
            Command.Result writes = readOnly.batch("-put upload.bin new.bin", "-put upload.bin kept/file.bin",
                    "-rm kept/file.bin", "-rename kept/file.bin kept/moved.bin", "-mkdir made", "-rmdir kept",
                    "-chmod 600 kept/file.bin", "-ln -s kept/file.bin link.bin");
            long denied = writes.output().lines().filter(line -> line.contains("Permission denied")).count();
            System.out.println("read-only key: " + denied + " of 8 writing commands answered permission denied:\n"
                    + writes.output());
            assertTrue(denied >= 7, writes.output());
            String listing = new SftpClient(work, setup.identity(), server.port).batchOk("ls -1 /", "ls -1 kept");
            assertFalse(listing.contains("new.bin") || listing.contains("made") || listing.contains("moved.bin")
                    || listing.contains("link.bin"), listing);
            new SftpClient(work, setup.identity(), server.port).batchOk("get kept/file.bin again.bin");
            Trees.assertSameBytes(upload, work.resolve("again.bin"));

            // Refused keys: each a failed attempt, so the third such connection earns the source a penalty.
            for (Path refused : List.of(elsewhere, expired, elsewhere)) {
                Command.Result result = new SftpClient(work, refused, server.port).batch("ls");
                assertNotEquals(0, result.exitCode(), refused + " logged in:\n" + result.output());
                assertTrue(result.output().contains("Permission denied (publickey)"), result.output());
            }
            assertEquals(0, server.stop(), server.output());
            String log = server.output();
            assertTrue(log.contains("line 2: refused a login from /127.0.0.1:") && log.contains("from=\"10.9.9.9\""), log);
            assertTrue(log.contains("line 5: refused a login from /127.0.0.1:") && log.contains("expired at 2000-01-01"), log);
            assertTrue(log.contains("line 5: the key expired at"), "the expired key is named at start:\n" + log);
            assertTrue(log.contains("repeated failed logins from 127.0.0.1"), log);
        }
    }

    @Test
    @Timeout(300)
    void anOptionTheServerCannotHonourStopsItNamingFileLineAndOption(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        String key = Files.readString(setup.authorizedKeys()).strip();
        for (String[] bad : List.of(new String[] {"no-agent-forwardin", "unknown option no-agent-forwardin"},
                new String[] {"command=\"/usr/lib/openssh/sftp-server\"", "option command=\"/usr/lib/openssh/sftp-server\" cannot be honoured"},
                new String[] {"cert-authority", "option cert-authority is not supported"})) {
            Files.writeString(setup.authorizedKeys(), "# keys\n" + key + "\n" + bad[0] + " " + key + "\n");
            Command.Result run = ServerProcess.startFailing(LAUNCHER, work, setup.arguments(work.resolve("disk.img"),
                    "--create-size=40M"));
            assertNotEquals(0, run.exitCode(), run.output());
            String expected = "authorized keys file " + setup.authorizedKeys() + " line 3: " + bad[1];
            List<String> lines = run.output().lines().filter(line -> line.contains(expected)).toList();
            assertEquals(1, lines.size(), "no one-line message with " + expected + ":\n" + run.output());
            assertFalse(run.output().contains(SftpServerProcess.READY), run.output());
            assertFalse(run.output().contains("\tat "), "a stack trace:\n" + run.output());
            System.out.println("refused at start: " + lines.getFirst());
        }
    }

    private static Path key(Path work, String name) throws Exception {
        Path identity = work.resolve(name + "_ed25519");
        Command.of(work, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", identity.toString())
                .runOk(Duration.ofMinutes(1));
        return identity;
    }

    private static String publicKey(Path identity) throws Exception {
        return Files.readString(identity.resolveSibling(identity.getFileName() + ".pub")).strip();
    }
}

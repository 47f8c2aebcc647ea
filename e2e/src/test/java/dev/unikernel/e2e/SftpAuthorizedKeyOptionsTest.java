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

    /**
     * OpenSSH user certificates through {@code cert-authority} lines, made by ssh-keygen: a certificate
     * for the login name logs in, one for a name of the line's {@code principals=} too; one for another
     * name, one signed by an unlisted authority, an expired one, one with {@code force-command}, one
     * with {@code source-address} elsewhere, and the authority's own key as a plain key are refused.
     * Two failures per server start, so the source's penalty never hides a reason.
     */
    @Test
    @Timeout(300)
    void userCertificatesFromListedAuthoritiesForTheRightNames(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path ca = key(work, "ca");
        Path opsCa = key(work, "ops-ca");
        Path strangerCa = key(work, "stranger-ca");
        Files.writeString(setup.authorizedKeys(), "cert-authority " + publicKey(ca) + "\n"
                + "cert-authority,principals=\"ops,backup\",from=\"127.0.0.1\" " + publicKey(opsCa) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        SftpClient forUser = certified(work, ca, "for-user", "-n", "sftp", "-V", "-5m:+1h");
        SftpClient forOps = certified(work, opsCa, "for-ops", "-n", "ops", "-V", "-5m:+1h");
        SftpClient forOther = certified(work, ca, "for-other", "-n", "alice,bob", "-V", "-5m:+1h");
        SftpClient unlistedCa = certified(work, strangerCa, "unlisted-ca", "-n", "sftp");
        SftpClient expired = certified(work, ca, "expired", "-n", "sftp", "-V", "20000101:20000102");
        SftpClient forced = certified(work, ca, "forced", "-n", "sftp", "-O", "force-command=internal-sftp");
        SftpClient elsewhere = certified(work, ca, "elsewhere", "-n", "sftp", "-O", "source-address=10.9.9.0/24");
        List<List<SftpClient>> refusedPerRun = List.of(List.of(forOther, unlistedCa), List.of(expired, forced),
                List.of(elsewhere, new SftpClient(work, ca, 0))); // the authority's own key is no user key
        StringBuilder logs = new StringBuilder();
        for (int run = 0; run < refusedPerRun.size(); run++) {
            try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work,
                    setup.arguments(work.resolve("disk.img"), "--create-size=40M"))) {
                if (run == 0) {
                    forUser.withPort(server.port).batchOk("mkdir certified", "ls");
                    forOps.withPort(server.port).batchOk("ls certified");
                }
                for (SftpClient refused : refusedPerRun.get(run)) {
                    Command.Result result = refused.withPort(server.port).batch("ls");
                    assertNotEquals(0, result.exitCode(), refused.identity() + " logged in:\n" + result.output());
                    assertTrue(result.output().contains("Permission denied (publickey)"), result.output());
                }
                assertEquals(0, server.stop(), server.output());
                logs.append(server.output());
            }
        }
        String log = logs.toString();
        assertTrue(log.contains("certificate \"for-other\" is for [alice, bob], not sftp"), log);
        // MINA's checks, before it asks ours.
        for (String id : List.of("expired", "forced", "elsewhere")) {
            assertTrue(log.contains("(id=" + id + ") is not valid"), id + ":\n" + log);
        }
        System.out.println("certificates refused as the log says:\n" + log.lines()
                .filter(line -> line.contains("certificate")).reduce("", (a, b) -> a + b + "\n"));
    }

    /** A client key signed by {@code ca} with ssh-keygen's {@code options}; its port set later. */
    private static SftpClient certified(Path work, Path ca, String name, String... options) throws Exception {
        Path identity = key(work, name);
        List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-s", ca.toString(), "-I", name));
        command.addAll(List.of(options));
        command.add(identity.resolveSibling(identity.getFileName() + ".pub").toString());
        new Command(command, work, java.util.Map.of()).runOk(Duration.ofMinutes(1));
        Path certificate = identity.resolveSibling(identity.getFileName() + "-cert.pub");
        assertTrue(Files.exists(certificate), "ssh-keygen wrote no " + certificate);
        return new SftpClient(work, identity, 0).withOption("CertificateFile=" + certificate);
    }

    @Test
    @Timeout(300)
    void anOptionTheServerCannotHonourStopsItNamingFileLineAndOption(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        String key = Files.readString(setup.authorizedKeys()).strip();
        for (String[] bad : List.of(new String[] {"no-agent-forwardin", "unknown option no-agent-forwardin"},
                new String[] {"command=\"/usr/lib/openssh/sftp-server\"", "option command=\"/usr/lib/openssh/sftp-server\" cannot be honoured"},
                new String[] {"verify-required", "option verify-required is not supported"})) {
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

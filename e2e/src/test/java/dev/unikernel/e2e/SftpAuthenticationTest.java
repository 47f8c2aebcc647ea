package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who gets in, and what never leaks: no login without a listed key; password login only when a
 * password hash is configured, each wrong password answered late and a connection cut after a few;
 * the host key the same across restarts; the passphrase, volume key and password hash never in the
 * log, the process's arguments or environment, or an error message.
 */
class SftpAuthenticationTest {

    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;
    private static final String PASSPHRASE = "correct horse battery staple"; // SftpExampleTest.Setup writes this
    private static final String PASSWORD = "a password only the test knows";

    @BeforeAll
    static void build() throws Exception {
        SftpExampleTest.build();
    }

    @Test
    @Timeout(300)
    void onlyListedKeysLogInAndPasswordsOnlyWhenConfigured(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path disk = work.resolve("disk.img");
        Path stranger = work.resolve("stranger_ed25519");
        Command.of(work, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString()).runOk(Duration.ofMinutes(1));

        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk, "--create-size=40M"));
                MinaSftp mina = new MinaSftp()) {
            new SftpClient(work, setup.identity(), server.port).batchOk("ls");
            Command.Result refused = new SftpClient(work, stranger, server.port).batch("ls");
            assertNotEquals(0, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("Permission denied (publickey)"), refused.output());

            // OpenSSH lists the methods the server still allows: publickey alone.
            Command.Result methods = sshPasswordOnly(work, server.port);
            assertTrue(methods.output().contains("Permission denied (publickey)."), methods.output());

            try (ClientSession session = mina.connect(server.port)) {
                session.addPasswordIdentity(PASSWORD);
                assertThrows(Exception.class, () -> session.auth().verify(MinaSftp.TIMEOUT), "password login is off");
            }
            assertEquals(0, server.stop(), server.output());
        }

        Path hashFile = work.resolve("password-hash");
        PrivateFiles.write(hashFile, hash(PASSWORD.toCharArray(), "sixteen byte salt".getBytes(StandardCharsets.UTF_8), 600_000));
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work,
                setup.arguments(disk, "--password-hash-file=" + hashFile));
                MinaSftp mina = new MinaSftp()) {
            Command.Result methods = sshPasswordOnly(work, server.port);
            assertTrue(methods.output().contains("Permission denied (publickey,password)."), methods.output());

            try (ClientSession session = mina.connect(server.port)) {
                session.addPasswordIdentity(PASSWORD);
                session.auth().verify(MinaSftp.TIMEOUT);
                assertTrue(MinaSftp.sftp(session).stat("/").isDirectory());
            }

            // OpenSSH offering up to twenty wrong passwords on one connection (through SSH_ASKPASS, which
            // counts them): each waits about a second for its answer, and the server cuts the connection
            // after a few.
            Path askpass = work.resolve("askpass.sh");
            Path asked = work.resolve("asked");
            Files.writeString(askpass, "#!/bin/sh\necho x >> '" + asked + "'\necho \"wrong guess $(wc -l < '" + asked + "')\"\n");
            askpass.toFile().setExecutable(true);
            long start = System.nanoTime();
            Command.Result guessing = Command.of(work, "ssh", "-p", Integer.toString(server.port),
                    "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no",
                    "-o", "NumberOfPasswordPrompts=20", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                    "sftp@127.0.0.1", "-s", "sftp")
                    .withEnvironment(java.util.Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force",
                            "DISPLAY", "none"))
                    .run(Duration.ofMinutes(2));
            double seconds = (System.nanoTime() - start) / 1e9;
            int tried = Files.exists(asked) ? Files.readAllLines(asked).size() : 0;
            System.out.printf("password guessing: %d wrong passwords answered on one connection before the server cut it "
                    + "(%.1f s)%n", tried, seconds);
            assertNotEquals(0, guessing.exitCode(), guessing.output());
            // The server takes 6 authentication requests per connection; ssh may ask for one more
            // password before it reads the disconnect.
            assertTrue(tried >= 2 && tried <= 7, "the server took " + tried + " guesses on one connection:\n" + guessing.output());
            assertTrue(seconds >= tried - 1, "wrong passwords were not slowed: " + tried + " in " + seconds + " s");
            assertEquals(0, server.stop(), server.output());
            assertFalse(server.output().contains("wrong guess"), "a guessed password reached the log");
            assertFalse(server.output().contains(PASSWORD), "the password reached the log");
        }
    }

    /**
     * Like OpenSSH's PerSourcePenalties: each connection that ends without a login after a failed attempt
     * adds 5 s to its source's penalty; from the third in quick succession (10 s or more pending) the
     * source's connections are refused, even with a listed key, until the penalty runs out.
     */
    @Test
    @Timeout(300)
    void repeatedFailedLoginsRefuseTheSourceForAWhile(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path stranger = work.resolve("stranger_ed25519");
        Command.of(work, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString()).runOk(Duration.ofMinutes(1));
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work,
                setup.arguments(work.resolve("disk.img"), "--create-size=40M"))) {
            SftpClient listed = new SftpClient(work, setup.identity(), server.port);
            SftpClient unlisted = new SftpClient(work, stranger, server.port);
            for (int attempt = 1; attempt <= 2; attempt++) {
                Command.Result refused = unlisted.batch("ls");
                assertTrue(refused.output().contains("Permission denied (publickey)"), refused.output());
            }
            // Two failures stay below the threshold: a mistyped key never locks out the right one.
            listed.batchOk("ls");
            Command.Result third = unlisted.batch("ls");
            long thirdFailure = System.nanoTime();
            assertTrue(third.output().contains("Permission denied (publickey)"), third.output());

            Command.Result blocked = listed.batch("ls");
            assertNotEquals(0, blocked.exitCode(), "a penalised source logged in:\n" + blocked.output());
            assertFalse(blocked.output().contains("Permission denied"), "refused only after authentication:\n"
                    + blocked.output());
            assertTrue(server.output().contains("repeated failed logins from 127.0.0.1: refusing its connections"),
                    server.output());

            // Three failures: 15 s of penalty from about the third one on; then the source is welcome again.
            long waitNanos = Duration.ofSeconds(16).toNanos() - (System.nanoTime() - thirdFailure);
            Thread.sleep(Math.max(0, waitNanos / 1_000_000));
            listed.batchOk("ls");
            assertEquals(0, server.stop(), server.output());
        }
    }

    @Test
    @Timeout(300)
    void hostKeyIsStableAndSecretsStayOutOfLogsArgumentsAndMessages(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path disk = work.resolve("disk.img");
        List<PublicKey> hostKeys = new ArrayList<>();
        StringBuilder logs = new StringBuilder();
        KeyPair identity = MinaSftp.loadIdentity(setup.identity());
        for (int run = 0; run < 2; run++) {
            try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work,
                    setup.arguments(disk, "--create-size=40M"));
                    MinaSftp mina = new MinaSftp()) {
                String cmdline = Files.readString(Path.of("/proc/" + server.pid() + "/cmdline")).replace('\0', ' ');
                String environ = Files.readString(Path.of("/proc/" + server.pid() + "/environ")).replace('\0', ' ');
                assertTrue(cmdline.contains("--passphrase-file="), cmdline);
                assertFalse(cmdline.contains(PASSPHRASE), "the passphrase is in the process's arguments: " + cmdline);
                assertFalse(environ.contains(PASSPHRASE), "the passphrase is in the process's environment");
                try (ClientSession session = mina.login(server.port, identity)) {
                    MinaSftp.sftp(session).mkdir("/run" + run);
                }
                hostKeys.add(mina.hostKeysSeen.getFirst());
                assertEquals(0, server.stop(), server.output());
                logs.append(server.output());
            }
        }
        assertTrue(KeyUtils.compareKeys(hostKeys.get(0), hostKeys.get(1)), "the host key changed across a restart");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(setup.hostKey())));
        assertTrue(logs.toString().contains(KeyUtils.getFingerPrint(hostKeys.get(0))), "the log names the host key");

        // Wrong passphrase and malformed password hash: errors that say what is wrong without the secret.
        Path wrong = work.resolve("wrong-passphrase");
        PrivateFiles.write(wrong, "not the right passphrase 12345");
        List<String> arguments = setup.arguments(disk);
        arguments.set(1, "--passphrase-file=" + wrong);
        Command.Result badPassphrase = ServerProcess.startFailing(LAUNCHER, work, arguments);
        assertNotEquals(0, badPassphrase.exitCode());
        logs.append(badPassphrase.output());
        assertFalse(badPassphrase.output().contains("not the right passphrase"), badPassphrase.output());
        Path badHash = work.resolve("bad-hash");
        PrivateFiles.write(badHash, "pbkdf2-sha256$notanumber$secret-salt-text$secret-hash-text");
        Command.Result badHashRun = ServerProcess.startFailing(LAUNCHER, work,
                setup.arguments(disk, "--password-hash-file=" + badHash));
        assertNotEquals(0, badHashRun.exitCode(), badHashRun.output());
        assertTrue(badHashRun.output().contains("password hash"), badHashRun.output());
        assertFalse(badHashRun.output().contains("secret-salt-text") || badHashRun.output().contains("secret-hash-text"),
                badHashRun.output());
        logs.append(badHashRun.output());

        // The volume key, from cryptsetup: in no log, in no form.
        Path keyFile = work.resolve("volume.key");
        Command.of(work, "cryptsetup", "luksDump", "--dump-volume-key", "--volume-key-file", keyFile.toString(),
                "--batch-mode", "--key-file", setup.passphrase().toString(), disk.toString()).runOk(Duration.ofMinutes(2));
        byte[] volumeKey = Files.readAllBytes(keyFile);
        Files.delete(keyFile);
        assertEquals(64, volumeKey.length);
        String all = logs.toString();
        String hex = HexFormat.of().formatHex(volumeKey);
        String compact = all.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-z+/]", "");
        assertFalse(compact.contains(hex.substring(0, 32)), "volume key (hex) in the log");
        assertFalse(all.contains(Base64.getEncoder().encodeToString(volumeKey).substring(0, 24)), "volume key (base64) in the log");
        assertFalse(all.contains(PASSPHRASE), "passphrase in the log");
    }

    /**
     * ECDSA and RSA client keys log in as ed25519 ones do (their signatures checked by the JDK's
     * providers), and a host key file that MINA's generator wrote with BouncyCastle, as earlier versions
     * of the server did, is read and served unchanged.
     */
    @Test
    @Timeout(300)
    void ecdsaAndRsaClientKeysLogInAndAnEarlierHostKeyFileIsServedUnchanged(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        List<Path> identities = new ArrayList<>();
        for (String[] type : List.of(new String[] {"ecdsa", "256"}, new String[] {"ecdsa", "521"},
                new String[] {"rsa", "3072"})) {
            Path identity = work.resolve("client_" + type[0] + type[1]);
            Command.of(work, "ssh-keygen", "-q", "-t", type[0], "-b", type[1], "-N", "", "-f", identity.toString())
                    .runOk(Duration.ofMinutes(1));
            Files.writeString(setup.authorizedKeys(), Files.readString(identity.resolveSibling(identity.getFileName() + ".pub")),
                    java.nio.file.StandardOpenOption.APPEND);
            identities.add(identity);
        }

        // What the server's earlier versions wrote: MINA's generator, ed25519 from BouncyCastle.
        org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider earlier =
                new org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider(setup.hostKey());
        earlier.setAlgorithm(org.apache.sshd.common.util.security.SecurityUtils.EDDSA);
        earlier.setKeySize(256);
        PublicKey earlierKey = earlier.loadKeys(null).getFirst().getPublic();
        String earlierFile = Files.readString(setup.hostKey());

        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work,
                setup.arguments(work.resolve("disk.img"), "--create-size=40M"));
                MinaSftp mina = new MinaSftp()) {
            for (Path identity : identities) {
                new SftpClient(work, identity, server.port).batchOk("ls");
            }
            try (ClientSession session = mina.login(server.port, MinaSftp.loadIdentity(setup.identity()))) {
                assertTrue(MinaSftp.sftp(session).stat("/").isDirectory());
            }
            assertTrue(KeyUtils.compareKeys(earlierKey, mina.hostKeysSeen.getFirst()), "the host key changed");
            assertEquals(0, server.stop(), server.output());
            assertTrue(server.output().contains(KeyUtils.getFingerPrint(earlierKey)), server.output());
        }
        assertEquals(earlierFile, Files.readString(setup.hostKey()), "the host key file was rewritten");
    }

    /** ssh with only password authentication allowed on the client side, in batch mode: it cannot succeed. */
    private static Command.Result sshPasswordOnly(Path work, int port) throws Exception {
        return Command.of(work, "ssh", "-p", Integer.toString(port), "-o", "PreferredAuthentications=password",
                "-o", "PubkeyAuthentication=no", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "sftp@127.0.0.1", "-s", "sftp")
                .run(Duration.ofMinutes(1));
    }

    /** The password-hash file's text for {@code password}, as the sftp example documents it. */
    private static String hash(char[] password, byte[] salt, int iterations) throws Exception {
        byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derived);
    }
}

package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key exchange the server offers completes, and a session on it moves a file: a key exchange
 * that is offered but fails drops every client that prefers it (OpenSSH 9.9 and later prefer
 * mlkem768x25519-sha256). OpenSSH's sftp tries each one it speaks ({@code ssh -Q kex}); MINA's client,
 * built against the same libraries as the server, tries all of them.
 */
class SftpKeyExchangeTest {

    /** Names in a KEXINIT that announce extensions, not key exchanges. */
    private static final List<String> NOT_KEY_EXCHANGES = List.of("ext-info-s", "ext-info-c", "kex-strict-s-v00@openssh.com");

    @BeforeAll
    static void build() throws Exception {
        SftpExampleTest.build();
    }

    @Test
    @Timeout(300)
    void everyOfferedKeyExchangeCompletes(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        byte[] payload = new byte[300_000];
        new Random(5).nextBytes(payload);
        Files.write(work.resolve("payload"), payload);
        KeyPair identity = MinaSftp.loadIdentity(setup.identity());
        try (ServerProcess server = SftpServerProcess.start(Examples.SFTP_LAUNCHER, work,
                setup.arguments(work.resolve("disk.img"), "--create-size=40M"))) {
            List<String> offered = offeredKeyExchanges(server.port, identity);
            assertTrue(offered.contains("mlkem768x25519-sha256") && offered.contains("curve25519-sha256"), offered.toString());

            List<String> failures = new ArrayList<>();
            for (String kex : offered) {
                try {
                    assertEquals(kex, moveAFileWithMina(server.port, identity, kex, payload));
                } catch (Exception | AssertionError e) {
                    failures.add("MINA's client with " + kex + ": " + e);
                }
            }
            List<String> openssh = Arrays.asList(Command.of(work, "ssh", "-Q", "kex").runOk(Duration.ofMinutes(1)).split("\\s+"));
            int triedWithOpenSsh = 0;
            for (String kex : offered) {
                if (!openssh.contains(kex)) {
                    continue;
                }
                triedWithOpenSsh++;
                Files.deleteIfExists(work.resolve("back"));
                Command.Result result = new SftpClient(work, setup.identity(), server.port).withOption("KexAlgorithms=" + kex)
                        .batch("put payload /kex-openssh", "get /kex-openssh back", "rm /kex-openssh");
                if (result.exitCode() != 0 || !Arrays.equals(payload, Files.readAllBytes(work.resolve("back")))) {
                    failures.add("OpenSSH's sftp with " + kex + ": exit code " + result.exitCode() + "\n" + result.output());
                }
            }
            System.out.printf("key exchanges offered: %s; all with MINA's client, %d with OpenSSH's%n", offered, triedWithOpenSsh);
            assertTrue(triedWithOpenSsh >= 2, "OpenSSH speaks too few of " + offered + ": " + openssh);
            assertTrue(failures.isEmpty(), String.join("\n", failures) + "\nserver log:\n" + server.output());
        }
    }

    /** The server's key exchange list, from its KEXINIT as a client saw it. */
    private static List<String> offeredKeyExchanges(int port, KeyPair identity) throws Exception {
        try (MinaSftp mina = new MinaSftp(); ClientSession session = mina.login(port, identity)) {
            String proposal = session.getServerKexProposals().get(KexProposalOption.ALGORITHMS);
            return Arrays.stream(proposal.split(",")).filter(name -> !NOT_KEY_EXCHANGES.contains(name)).toList();
        }
    }

    /** Logs in with only {@code kex} allowed, writes {@code payload}, reads it back; returns the key exchange used. */
    private static String moveAFileWithMina(int port, KeyPair identity, String kex, byte[] payload) throws Exception {
        BuiltinDHFactories factory = BuiltinDHFactories.fromFactoryName(kex);
        if (factory == null) {
            throw new AssertionError("MINA's client has no " + kex);
        }
        List<KeyExchangeFactory> only = NamedFactory.setUpTransformedFactories(false, List.of(factory), ClientBuilder.DH2KEX);
        try (MinaSftp mina = new MinaSftp(only); ClientSession session = mina.login(port, identity);
                org.apache.sshd.sftp.client.SftpClient sftp = MinaSftp.sftp(session)) {
            String path = "/kex-" + kex.replaceAll("[^a-z0-9]", "-");
            try (OutputStream out = sftp.write(path)) {
                out.write(payload);
            }
            assertArrayEquals(payload, MinaSftp.readAll(sftp, path), kex);
            sftp.remove(path);
            return session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS);
        }
    }
}

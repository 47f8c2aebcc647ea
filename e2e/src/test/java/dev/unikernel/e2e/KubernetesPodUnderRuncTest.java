package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/sftp's generated sftp.kubernetes.yaml taken at its word: its container's image (by digest),
 * env, volume mounts, user, groups, read-only root and dropped capabilities become a runc config.json,
 * the Secret and the claim are host directories filled as a kubelet fills them, and OpenSSH sftp puts and
 * gets a file through it. Only the network differs: the host's, on 127.0.0.1 and a free port.
 */
class KubernetesPodUnderRuncTest {

    private static final Path OCI = Examples.SFTP.resolve("target/unikernel/oci");

    @BeforeAll
    static void build() throws Exception {
        Examples.build(Examples.SFTP, "oci");
    }

    @Test
    void servesSftpAsThePodSpecSays(@TempDir Path work) throws Exception {
        PodSpec pod = PodSpec.of(OCI.resolve("sftp.kubernetes.yaml"));
        assertEquals(List.of(22), pod.ports());
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);

        // The claim: a kubelet gives an fsGroup volume to root:fsGroup, group-writable, setgid.
        Path data = Files.createDirectories(work.resolve("claim"));
        kubeletOwns(data, pod.fsGroup(), 02775);
        String authorizedKeys = pod.environment().get("UNIKERNEL_AUTHORIZED_KEYS");
        assertEquals("/data/authorized-keys", authorizedKeys, "the manifest's header tells users to put it there");
        Files.copy(setup.authorizedKeys(), data.resolve("authorized-keys"));
        // The Secret: one file per key, the volume's defaultMode, group fsGroup.
        Path secrets = Files.createDirectories(work.resolve("secret"));
        Path passphrase = Files.copy(setup.passphrase(), secrets.resolve("passphrase"));
        kubeletOwns(passphrase, pod.fsGroup(), pod.secretMode());

        int port = ServerProcess.freePort();
        Path bundle = RuncBundle.prepare(OCI.resolve("sftp.tar"), pod, work, Map.of("data", data, "secrets", secrets),
                Map.of("UNIKERNEL_PORT", Integer.toString(port), "UNIKERNEL_LISTEN_ADDRESS", "127.0.0.1"));
        String container = "sftp-pod-" + ProcessHandle.current().pid();
        Path local = work.resolve("local.bin");
        Trees.randomFile(local, 3 << 20, 21);
        try (ServerProcess server = SftpServerProcess.launch(
                List.of("runc", "run", "--bundle", bundle.toString(), container), work, Map.of(), port,
                Duration.ofMinutes(2))) {
            SftpClient sftp = new SftpClient(work, setup.identity(), port);
            sftp.batchOk("put local.bin uploaded.bin");
            sftp.batchOk("get uploaded.bin fetched.bin");
            Trees.assertSameBytes(local, work.resolve("fetched.bin"));
            assertEquals(0, server.stop(), server.output());
            assertTrue(server.output().contains("volume closed cleanly"), server.output());
        } finally {
            Command.of(work, "runc", "delete", "-f", container).run(Duration.ofMinutes(1));
        }
        assertTrue(Files.isRegularFile(data.resolve("disk.img")), "the disk is in the claim");
        assertTrue(Files.isRegularFile(data.resolve("host-key")), "the host key persists in the claim");
    }

    private static void kubeletOwns(Path path, int group, int mode) throws Exception {
        Command.of(path.getParent(), "chown", "0:" + group, path.toString()).runOk(Duration.ofSeconds(30));
        Command.of(path.getParent(), "chmod", Integer.toOctalString(mode), path.toString()).runOk(Duration.ofSeconds(30));
    }
}

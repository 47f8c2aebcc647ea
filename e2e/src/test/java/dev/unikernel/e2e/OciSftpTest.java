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
 * examples/sftp, unchanged, as an OCI image run by runc through the generated run script: /data
 * bind-mounted, the passphrase as a mounted secret, reached with OpenSSH sftp on 127.0.0.1; then
 * stopped with SIGTERM and its disk checked from outside like on unix.
 */
class OciSftpTest {

    private static final Path SFTP = Examples.SFTP;
    private static final Path RUN = SFTP.resolve("target/unikernel/oci/run-sftp.sh");

    @BeforeAll
    static void build() throws Exception {
        Examples.build(SFTP, "oci");
        assertTrue(Files.isRegularFile(RUN), "no run script at " + RUN);
    }

    @Test
    void servesFromAContainerAndLeavesADiskTheRealToolsRead(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path data = Files.createDirectories(work.resolve("data"));
        Files.copy(setup.authorizedKeys(), data.resolve("authorized_keys"));
        Path secrets = Files.createDirectories(work.resolve("secrets"));
        // As the guide does it: the image's user owns its secrets (0600), nobody else reads them.
        Path passphrase = Files.copy(setup.passphrase(), secrets.resolve("passphrase"));
        Files.setAttribute(passphrase, "unix:uid", 65532);
        Path local = work.resolve("local");
        Trees.randomFile(local.resolve("hello.txt"), 1234, 11);
        Trees.randomFile(local.resolve("nested/dir/five-megabytes.bin"), 5 << 20, 12);

        try (ServerProcess server = SftpServerProcess.start(List.of("bash", RUN.toString()), work,
                List.of("--listen-address=127.0.0.1", "--create-size=64M", "--authorized-keys=/data/authorized_keys",
                        "--host-key=/data/host_ed25519"),
                Map.of("OCI_DATA", data.toString(), "OCI_SECRETS", secrets.toString()))) {
            SftpClient sftp = new SftpClient(work, setup.identity(), server.port);
            sftp.batchOk("mkdir tree", "put -r local/* tree/");
            sftp.batchOk("get -r tree fetched");
            Trees.assertSameTree(local, work.resolve("fetched"));
            assertEquals(0, server.stop(), server.output());
            assertTrue(server.output().contains("volume closed cleanly"), server.output());
        }
        assertTrue(Files.isRegularFile(data.resolve("host_ed25519")), "the host key persists in /data");

        Path plain = work.resolve("plain.img");
        LuksImages.decrypt(data.resolve("disk.img"), setup.passphrase(), plain);
        Command.Result fsck = Command.of(work, "fsck.fat", "-n", plain.toString()).run(Duration.ofMinutes(5));
        assertEquals(0, fsck.exitCode(), fsck.output());
        Path extracted = Files.createDirectories(work.resolve("extracted"));
        Command.of(work, "mcopy", "-s", "-n", "-i", plain.toString(), "::/tree", extracted.toString())
                .withEnvironment(Map.of("MTOOLS_SKIP_CHECK", "1")).runOk(Duration.ofMinutes(5));
        Trees.assertSameTree(local, extracted.resolve("tree"));
    }
}

package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full volume: writes are answered with SFTP's "no space" status (SSH_FX_NO_SPACE_ON_FILESYSTEM in
 * version 6, SSH_FX_FAILURE to OpenSSH's version 3), what was written before stays readable,
 * deleting frees the space for the next upload, and the disk checks clean afterwards.
 */
class SftpDiskFullTest {

    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;

    @BeforeAll
    static void build() throws Exception {
        SftpExampleTest.build();
    }

    @Test
    @Timeout(300)
    void aFullVolumeSaysNoSpaceStaysConsistentAndDeletingFreesSpace(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path disk = work.resolve("disk.img");
        Trees.randomFile(work.resolve("eight-megabytes.bin"), 8 << 20, 81);
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk, "--create-size=40M"));
                MinaSftp mina = new MinaSftp();
                ClientSession session = mina.login(server.port, MinaSftp.loadIdentity(setup.identity()));
                SftpClient sftp = MinaSftp.sftp(session)) {
            assertEquals(6, sftp.getVersion());
            // Fill the volume with 1 MiB writes until the server says no.
            Random random = new Random(4);
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            SftpException full = null;
            byte[] chunk = new byte[1 << 20];
            try (SftpClient.CloseableHandle handle = sftp.open("/fill.bin", EnumSet.of(OpenMode.Write, OpenMode.Create))) {
                for (long offset = 0; offset < 64L << 20; offset += chunk.length) {
                    random.nextBytes(chunk);
                    try {
                        sftp.write(handle, offset, chunk);
                    } catch (SftpException e) {
                        full = e;
                        break;
                    }
                    written.write(chunk);
                }
            }
            assertNotNull(full, "64 MiB fitted on a 40 MiB disk");
            assertEquals(SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, full.getStatus(), full.toString());
            assertTrue(full.getMessage().contains("no space"), full.getMessage());
            System.out.printf("disk full: %d MiB written, then status %d (%s)%n", written.size() >> 20, full.getStatus(),
                    full.getMessage());

            // OpenSSH's sftp (version 3) gets a failure, not a hang or a broken connection.
            Command.Result put = new dev.unikernel.e2e.SftpClient(work, setup.identity(), server.port).batch("put eight-megabytes.bin /more.bin");
            assertNotEquals(0, put.exitCode(), put.output());

            // Consistent: everything acknowledged before the failure reads back.
            byte[] back = MinaSftp.readAll(sftp, "/fill.bin");
            byte[] expected = written.toByteArray();
            assertTrue(back.length >= expected.length, "the file lost acknowledged writes: " + back.length);
            assertArrayEquals(expected, java.util.Arrays.copyOf(back, expected.length));

            // Deleting frees the space: the upload that failed now succeeds and is intact.
            sftp.remove("/fill.bin");
            try {
                sftp.remove("/more.bin");
            } catch (SftpException absent) {
                // sftp may have removed its partial upload itself
            }
            new dev.unikernel.e2e.SftpClient(work, setup.identity(), server.port).batchOk("put eight-megabytes.bin /more.bin", "get /more.bin more.back");
            Trees.assertSameBytes(work.resolve("eight-megabytes.bin"), work.resolve("more.back"));
            assertEquals(0, server.stop(), server.output());
        }
        Path plain = work.resolve("plain.img");
        LuksImages.decrypt(disk, setup.passphrase(), plain);
        Command.Result fsck = Command.of(work, "fsck.fat", "-n", plain.toString()).run(Duration.ofMinutes(2));
        assertEquals(0, fsck.exitCode(), fsck.output());
        assertEquals(2, fsck.output().strip().lines().count(), "fsck.fat -n says more than its banner and summary:\n"
                + fsck.output());
    }
}

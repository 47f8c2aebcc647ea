package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two of the audit's smaller items against the built server: compression only after login
 * ({@code zlib@openssh.com}, never pre-authentication {@code zlib}), as OpenSSH's sshd since 7.4;
 * and a write at an offset near 2^63 answered as an invalid parameter naming the file size limit,
 * with the volume untouched.
 */
class SftpCompressionAndWriteLimitTest {

    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;

    @BeforeAll
    static void build() throws Exception {
        SftpExampleTest.build();
    }

    @Test
    @Timeout(300)
    void compressionStartsOnlyAfterLoginAndHugeOffsetsAreInvalidParameters(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path disk = work.resolve("disk.img");
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk, "--create-size=64M"));
                MinaSftp mina = new MinaSftp()) {
            // OpenSSH's sftp asking for compression; -vv prints the server's proposal and what was agreed.
            Path payload = work.resolve("payload.txt");
            Files.writeString(payload, "compressible ".repeat(10_000));
            Path batch = work.resolve("batch.txt");
            Files.write(batch, List.of("put " + payload + " /compressed.txt", "get /compressed.txt " + work.resolve("back.txt")));
            Command.Result sftp = Command.of(work, "sftp", "-vv", "-b", batch.toString(), "-P", Integer.toString(server.port),
                    "-i", setup.identity().toString(), "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "Compression=yes",
                    "sftp@127.0.0.1").run(Duration.ofMinutes(2));
            assertEquals(0, sftp.exitCode(), sftp.output());
            List<String> offered = serverProposal(sftp.output(), "compression ctos");
            assertFalse(offered.contains("zlib"), "pre-authentication zlib offered: " + offered);
            assertTrue(offered.contains("zlib@openssh.com") && offered.contains("none"), offered.toString());
            assertTrue(sftp.output().contains("compression: zlib@openssh.com"), sftp.output());
            assertEquals(Files.readString(payload), Files.readString(work.resolve("back.txt")));

            try (ClientSession session = mina.login(server.port, MinaSftp.loadIdentity(setup.identity()));
                    org.apache.sshd.sftp.client.SftpClient client = MinaSftp.sftp(session)) {
                try (CloseableHandle h = client.open("/file", OpenMode.Write, OpenMode.Create)) {
                    client.write(h, 0, new byte[] {1, 2, 3});
                    for (long offset : new long[] {Long.MAX_VALUE - 7, 1L << 62, 1L << 32}) {
                        SftpException e = assertThrows(SftpException.class, () -> client.write(h, offset, new byte[8]));
                        assertEquals(SftpConstants.SSH_FX_INVALID_PARAMETER, e.getStatus(), e.toString());
                        assertTrue(e.getMessage().contains("past the file size limit"), e.getMessage());
                    }
                    client.write(h, 3, new byte[] {4});
                }
                assertArrayEquals(new byte[] {1, 2, 3, 4}, MinaSftp.readAll(client, "/file"), "the volume still serves the file");
            }
            assertEquals(0, server.stop(), server.output());
            assertFalse(server.output().contains("corrupt"), server.output());
        }
    }

    /** The algorithms of one line of the server's KEXINIT proposal in ssh -vv output. */
    private static List<String> serverProposal(String output, String field) {
        int peer = output.indexOf("peer server KEXINIT proposal");
        assertTrue(peer >= 0, output);
        int line = output.indexOf("debug2: " + field + ": ", peer);
        assertTrue(line >= 0, output);
        int start = line + ("debug2: " + field + ": ").length();
        return Arrays.asList(output.substring(start, output.indexOf('\n', start)).trim().split(","));
    }
}

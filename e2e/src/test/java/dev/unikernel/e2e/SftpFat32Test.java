package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.e2e.SftpExampleTest.Setup;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/sftp on a volume past FAT16's reach: {@code --create-size=8G} formats FAT32, which serves a
 * 3 GiB file put and got back byte for byte through OpenSSH's sftp; a put of 4 GiB + 1 byte fails
 * (OpenSSH's version 3 client shows "Failure", MINA's version 6 client the status and the message
 * naming FAT32's limit of 4 GiB - 1 byte); and the volume stays clean for fsck.fat -n. The stack is
 * fat(disk) without LUKS, so fsck.fat reads the image directly. Local files are sparse apart from
 * random islands, so the test writes little more than what the server stores.
 */
class SftpFat32Test {

    private static final long GIB = 1L << 30;
    /** 3 GiB and an odd tail, so the last cluster is partial. */
    private static final long THREE = 3 * GIB + 12_345;
    private static final long PAST_LIMIT = 4 * GIB + 1;

    /** A sparse file of {@code size} bytes with 1 MiB of random bytes every 256 MiB and at the very end. */
    private static void islands(Path file, long size, long seed) throws Exception {
        Random random = new Random(seed);
        byte[] island = new byte[1 << 20];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
            for (long at = 0; at < size; at += 256L << 20) {
                random.nextBytes(island);
                f.seek(at);
                f.write(island, 0, (int) Math.min(island.length, size - at));
            }
            random.nextBytes(island);
            f.seek(size - 1000);
            f.write(island, 0, 1000);
        }
    }

    @Test
    @Timeout(900)
    void an8GiBVolumeIsFat32AndServesA3GiBFileButNotOnePast4GiB(@TempDir Path work) throws Exception {
        Path launcher = SftpStacksTest.build("plain", "fat(disk)");
        Setup setup = Setup.in(work);
        Path disk = work.resolve("fat32.img");
        Path three = work.resolve("three.bin");
        islands(three, THREE, 32);
        List<String> arguments = List.of("--disk=" + disk, "--create-size=8G", "--authorized-keys=" + setup.authorizedKeys(),
                "--host-key=" + setup.hostKey());
        long start = System.nanoTime();
        try (ServerProcess server = SftpServerProcess.start(launcher, work, arguments)) {
            SftpClient sftp = new SftpClient(work, setup.identity(), server.port);
            sftp.batchOk("put three.bin /three.bin", "get /three.bin three.back");
            Trees.assertSameBytes(three, work.resolve("three.back"));
            Files.delete(work.resolve("three.back"));
            System.out.printf("3 GiB put and get through OpenSSH sftp in %d s%n", (System.nanoTime() - start) / 1_000_000_000);

            Path past = work.resolve("past.bin");
            islands(past, PAST_LIMIT, 44);
            long putStart = System.nanoTime();
            Command.Result put = sftp.batch("put past.bin /past.bin");
            assertNotEquals(0, put.exitCode(), put.output());
            assertTrue(put.output().contains("write remote \"/past.bin\": Failure"), put.output());
            Files.delete(past);
            System.out.printf("4 GiB + 1 byte put refused after %d s%n", (System.nanoTime() - putStart) / 1_000_000_000);

            // What OpenSSH's client cannot show: the status and message a version 6 client gets.
            try (MinaSftp mina = new MinaSftp();
                    ClientSession session = mina.login(server.port, MinaSftp.loadIdentity(setup.identity()));
                    org.apache.sshd.sftp.client.SftpClient client = MinaSftp.sftp(session)) {
                // The failed put left its part (a whole number of sftp's 32 KiB writes) just short of 4 GiB.
                long left = client.stat("/past.bin").getSize();
                assertTrue(left <= 4 * GIB - 1 && left > 4 * GIB - (1 << 20), "left " + left);
                try (CloseableHandle handle = client.open("/past.bin", EnumSet.of(OpenMode.Write))) {
                    client.write(handle, 4 * GIB - 2, new byte[1]); // ends at 4 GiB - 1: the largest file FAT allows
                    SftpException e = assertThrows(SftpException.class, () -> client.write(handle, 4 * GIB - 1, new byte[1]));
                    assertEquals(SftpConstants.SSH_FX_QUOTA_EXCEEDED, e.getStatus(), e.toString());
                    assertTrue(e.getMessage().contains("FAT32") && e.getMessage().contains("4 GiB - 1 byte"), e.getMessage());
                }
                assertEquals(4 * GIB - 1, client.stat("/past.bin").getSize());
                client.remove("/past.bin");
            }
            assertEquals(0, server.stop(), server.output());
            assertTrue(server.output().contains("volume closed cleanly"), server.output());
            // The volume is formatted once the SSH server listens: look for it at the end.
            assertTrue(server.output().contains("as FAT32"), "formatted as FAT32:\n" + server.output());
        }
        Command.Result fsck = Command.of(work, "fsck.fat", "-n", "-v", disk.toString()).run(Duration.ofMinutes(3));
        assertEquals(0, fsck.exitCode(), fsck.output());
        assertTrue(fsck.output().contains("32 bit entries") && !fsck.output().contains("wrong")
                && !fsck.output().contains("Dirty") && !fsck.output().contains("Reclaimed"), fsck.output());
        System.out.printf("whole test %d s, image uses %d MiB%n", (System.nanoTime() - start) / 1_000_000_000,
                Files.size(disk) >> 20);
    }
}

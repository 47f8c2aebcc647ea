package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.e2e.SftpExampleTest.Setup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per image, and no formatting by accident, on examples/sftp's unix build: a second server
 * and the disk tool on an image a server holds fail at once naming the holder, while cryptsetup still
 * reads it; the lock of a killed server blocks nothing; an existing blank image is never formatted
 * unless asked, a missing one is created 0600 and formatted.
 */
class SftpOneWriterTest {

    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;
    private static final Path DISK_TOOL = Command.ROOT.resolve("tools/disk/target/disk.jar");

    @BeforeAll
    static void build() throws Exception {
        Examples.build(Examples.SFTP, "unix");
        assertTrue(Files.isRegularFile(DISK_TOOL), "no " + DISK_TOOL + ": build the framework first (./mvnw install)");
    }

    @Test
    void aSecondOpenerOfAServedImageFailsAtOnceAndAKilledServerBlocksNothing(@TempDir Path work) throws Exception {
        Setup setup = Setup.in(work);
        Path disk = work.resolve("disk.img");
        try (ServerProcess first = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk, "--create-size=64M"))) {
            Files.writeString(work.resolve("note.txt"), "held\n");
            new SftpClient(work, setup.identity(), first.port).batchOk("put note.txt"); // the volume is open
            String inUse = "disk image " + disk + " is in use by PID " + first.pid() + " (java -cp ";
            String stop = "): stop it first (two programs writing one image corrupt it)";

            long started = System.nanoTime();
            Command.Result second = ServerProcess.startFailing(LAUNCHER, work, setup.arguments(disk, "--create-size=64M"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(1, second.exitCode(), second.output());
            String line = second.output().trim();
            assertEquals(1, line.lines().count(), second.output());
            assertTrue(line.startsWith("sftp: " + inUse) && line.endsWith(stop), line);
            assertTrue(millis < 5_000, "the second server gave up in " + millis + " ms");
            System.out.println("second server refused in " + millis + " ms: " + line);

            Command.Result put = disk(work, "put", disk.toString(), work.resolve("note.txt").toString(), "/other.txt",
                    "--luks", "-d", setup.passphrase().toString());
            assertEquals(5, put.exitCode(), put.output());
            assertTrue(put.output().startsWith("disk put: " + inUse) && put.output().trim().endsWith(stop), put.output());
            Command.Result ls = disk(work, "ls", disk.toString(), "--luks", "-d", setup.passphrase().toString());
            assertEquals(5, ls.exitCode(), ls.output());
            assertTrue(ls.output().trim().endsWith("), which writes it: stop it to read the image"), ls.output());

            // cryptsetup takes no lock on the image: it still reads the header and tests the passphrase.
            String dump = Command.of(work, "/usr/sbin/cryptsetup", "luksDump", disk.toString()).runOk(Duration.ofMinutes(1));
            assertTrue(dump.contains("LUKS header information"), dump);
            Command.of(work, "/usr/sbin/cryptsetup", "open", "--readonly", "--test-passphrase", "--key-file",
                    setup.passphrase().toString(), disk.toString()).runOk(Duration.ofMinutes(2));

            first.kill(); // SIGKILL: the kernel drops its lock with the process, nothing stays behind
        }
        try (ServerProcess next = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk, "--create-size=64M"))) {
            new SftpClient(work, setup.identity(), next.port).batchOk("get note.txt back.txt");
            assertEquals(0, next.stop(), next.output());
        }
        assertEquals("held\n", Files.readString(work.resolve("back.txt")));
    }

    @Test
    void anExistingBlankImageIsRefusedUntouchedAndOnlyANewOneIsFormatted(@TempDir Path work) throws Exception {
        Setup setup = Setup.in(work);
        // A LUKS image whose first MiB was zeroed reads as this one does: restoring its header backup must stay possible.
        Path blank = work.resolve("blank.img");
        Command.of(work, "truncate", "-s", "64M", blank.toString()).runOk(Duration.ofMinutes(1));
        Files.setPosixFilePermissions(blank, PosixFilePermissions.fromString("rw-r-----"));
        String before = sha256(blank);

        Command.Result refused = ServerProcess.startFailing(LAUNCHER, work, setup.arguments(blank, "--create-size=64M"));
        assertEquals(1, refused.exitCode(), refused.output());
        assertEquals("sftp: block device FileBlockDevice[" + blank + ", 131072 x 512 bytes] reads as zeros over its"
                + " first MiB but existed before this start, so it is not formatted as LUKS2: if it held a volume whose"
                + " header was lost, restore the header backup (cryptsetup luksHeaderRestore); to format it, start once"
                + " with format-blank (--format-blank)", refused.output().trim());
        assertEquals(before, sha256(blank), "left as it was");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(blank)));

        try (ServerProcess asked = SftpServerProcess.start(LAUNCHER, work, setup.arguments(blank, "--format-blank"))) {
            new SftpClient(work, setup.identity(), asked.port).batchOk("ls");
            assertEquals(0, asked.stop(), asked.output());
        }
        assertTrue(isLuks(blank), "formatted when asked");

        Path missing = work.resolve("missing.img");
        try (ServerProcess created = SftpServerProcess.start(LAUNCHER, work, setup.arguments(missing, "--create-size=64M"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(missing)));
            new SftpClient(work, setup.identity(), created.port).batchOk("ls");
            assertEquals(0, created.stop(), created.output());
        }
        assertTrue(isLuks(missing), "a new image is formatted");
        byte[] formatted = Files.readAllBytes(missing);
        try (ServerProcess again = SftpServerProcess.start(LAUNCHER, work, setup.arguments(missing, "--create-size=64M"))) {
            assertEquals(0, again.stop(), again.output());
        }
        assertArrayEquals(java.util.Arrays.copyOf(formatted, 16 << 20),
                java.util.Arrays.copyOf(Files.readAllBytes(missing), 16 << 20), "a formatted image is opened, not formatted again");
    }

    private static boolean isLuks(Path image) throws Exception {
        return Command.of(image.getParent(), "/usr/sbin/cryptsetup", "isLuks", image.toString())
                .run(Duration.ofMinutes(1)).exitCode() == 0;
    }

    private static Command.Result disk(Path work, String... words) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", DISK_TOOL.toString()));
        command.addAll(List.of(words));
        return new Command(command, work, java.util.Map.of()).run(Duration.ofMinutes(2));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

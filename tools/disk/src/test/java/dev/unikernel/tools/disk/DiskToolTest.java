package dev.unikernel.tools.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.unikernel.tools.disk.DiskToolRun.disk;
import static dev.unikernel.tools.disk.DiskToolRun.ok;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool end to end against the real mtools and dosfstools (Debian packages mtools, dosfstools). */
class DiskToolTest {

    @TempDir
    Path tmp;

    private static String tool(String... command) throws IOException, InterruptedException {
        for (String dir : List.of("/usr/bin", "/usr/sbin")) {
            if (Files.isExecutable(Path.of(dir, command[0]))) {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
                pb.environment().put("MTOOLS_SKIP_CHECK", "1");
                Process p = pb.start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int status = p.waitFor();
                if (status != 0) {
                    fail(String.join(" ", command) + " exited " + status + ":\n" + output);
                }
                return output;
            }
        }
        return fail(command[0] + " is not installed: these tests need the Debian packages mtools and dosfstools");
    }

    private Path localTree() throws IOException {
        Path root = tmp.resolve("local");
        Files.createDirectories(root.resolve("docs/Deeply Nested Folder"));
        Files.writeString(root.resolve("readme.txt"), "read me");
        Files.write(root.resolve("docs/Deeply Nested Folder/A long name, with punctuation!.bin"), random(300_000, 1));
        Files.write(root.resolve("docs/empty"), new byte[0]);
        return root;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void toolWritesAndMtoolsReads() throws Exception {
        Path image = tmp.resolve("disk.img");
        ok("mkfs", image.toString(), "--size", "64M", "--label", "TOOLTEST");
        Path local = localTree();
        ok("put", image.toString(), local.toString(), "/data");
        ok("mkdir", image.toString(), "/data/made/by/tool", "-p");
        ok("mv", image.toString(), "/data/readme.txt", "/data/made");
        String fsck = tool("fsck.fat", "-n", image.toString());
        assertTrue(fsck.contains("clusters"), fsck);
        Path out = tmp.resolve("mcopy-out");
        Files.createDirectories(out);
        tool("mcopy", "-s", "-n", "-i", image.toString(), "::/data", out.toString());
        assertArrayEquals(Files.readAllBytes(local.resolve("docs/Deeply Nested Folder/A long name, with punctuation!.bin")),
                Files.readAllBytes(out.resolve("data/docs/Deeply Nested Folder/A long name, with punctuation!.bin")));
        assertEquals("read me", Files.readString(out.resolve("data/made/readme.txt")));
        assertTrue(Files.isDirectory(out.resolve("data/made/by/tool")));
        assertTrue(tool("mdir", "-i", image.toString(), "::/").contains("TOOLTEST"));
        assertEquals(0, disk("check", image.toString()).status());
    }

    @Test
    void mtoolsWritesAndToolReads() throws Exception {
        Path image = tmp.resolve("mkfs.img");
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), (48L << 20) - 1);
        }
        tool("mkfs.fat", "-F", "16", image.toString());
        Path local = localTree();
        tool("mcopy", "-s", "-i", image.toString(), local.toString(), "::/");
        DiskToolRun ls = ok("ls", image.toString(), "/local/docs");
        assertTrue(ls.out().contains("Deeply Nested Folder") && ls.out().contains("empty"), ls.out());
        Path out = tmp.resolve("got");
        ok("get", image.toString(), "/local", out.toString());
        assertArrayEquals(Files.readAllBytes(local.resolve("docs/Deeply Nested Folder/A long name, with punctuation!.bin")),
                Files.readAllBytes(out.resolve("docs/Deeply Nested Folder/A long name, with punctuation!.bin")));
        assertEquals(0, Files.size(out.resolve("docs/empty")));
        ok("rm", image.toString(), "/local/docs", "-r");
        assertTrue(disk("ls", image.toString(), "/local").out().contains("readme.txt"));
        assertTrue(tool("fsck.fat", "-n", image.toString()).contains("files"));
    }

    @Test
    void anImageAnotherProgramHoldsIsBusyExitFiveNamingTheHolder() throws Exception {
        Path image = tmp.resolve("held.img");
        ok("mkfs", image.toString(), "--size", "32M");
        // A POSIX lock on the whole file, as a running server holds (runtime-unix's ImageLock).
        Process holder = new ProcessBuilder("python3", "-c", "import fcntl, sys, time\n"
                + "f = open(sys.argv[1], 'r+b'); fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB); print('held', flush=True)\n"
                + "time.sleep(600)", image.toString()).start();
        try {
            assertEquals("held", new String(holder.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
            for (String command : List.of("ls", "put", "check", "luks-dump")) {
                DiskToolRun busy = command.equals("put")
                        ? disk("put", image.toString(), localTree().resolve("readme.txt").toString(), "/r.txt")
                        : disk(command, image.toString());
                assertEquals(5, busy.status(), command + ": busy, as cryptsetup says 5");
                assertEquals("disk " + command + ": disk image " + image + " is in use by PID " + holder.pid()
                        + " (python3)" + (command.equals("put") ? ": stop it first (two programs writing one image corrupt it)"
                        : ", which writes it: stop it to read the image") + "\n", busy.err());
            }
        } finally {
            holder.destroyForcibly().waitFor(); // SIGKILL: the kernel drops its lock
        }
        ok("ls", image.toString());
    }

    @Test
    void errorsGoToStderrWithNonZeroStatus() throws Exception {
        Path image = tmp.resolve("e.img");
        ok("mkfs", image.toString(), "--size", "32M");
        DiskToolRun missing = disk("get", image.toString(), "/nope", tmp.resolve("x").toString());
        assertEquals(7, missing.status());
        assertTrue(missing.err().contains("no such file or directory: /nope"), missing.err());
        DiskToolRun notEmpty = disk("mkdir", image.toString(), "/d");
        assertEquals(0, notEmpty.status());
        ok("put", image.toString(), localTree().resolve("readme.txt").toString(), "/d/f.txt");
        DiskToolRun rm = disk("rm", image.toString(), "/d");
        assertEquals(7, rm.status());
        assertTrue(rm.err().contains("directory not empty"), rm.err());
        assertEquals(1, disk("ls").status());
        assertEquals(1, disk("ls", image.toString(), "--bogus", "x").status());
        assertEquals(1, disk("frobnicate").status());
        DiskToolRun noImage = disk("ls", tmp.resolve("absent.img").toString());
        assertEquals(4, noImage.status(), "a missing image is the wrong device, as for cryptsetup");
        assertTrue(noImage.err().contains("does not exist"), noImage.err());
        DiskToolRun exists = disk("mkfs", image.toString(), "--size", "32M");
        assertEquals(5, exists.status());
        assertTrue(exists.err().contains("already exists"), exists.err());
    }

    @Test
    void checkExitsSixOnAnUncleanVolume() throws Exception {
        Path image = tmp.resolve("c.img");
        ok("mkfs", image.toString(), "--size", "32M");
        ok("put", image.toString(), localTree().resolve("readme.txt").toString(), "/f.txt");
        assertEquals(0, disk("check", image.toString()).status());
        // Mark a free cluster in use in the first FAT: a lost cluster.
        tool("mdir", "-i", image.toString(), "::/");
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer boot = ByteBuffer.allocate(512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(boot, 0);
            long fat = (boot.getShort(14) & 0xFFFF) * 512L;
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF}), fat + 2 * 1000);
        }
        DiskToolRun check = disk("check", image.toString());
        assertEquals(6, check.status());
        assertTrue(check.out().contains("lost clusters: 1"), check.out());
    }
}

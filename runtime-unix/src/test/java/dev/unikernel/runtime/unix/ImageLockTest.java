package dev.unikernel.runtime.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per image: kernel locks between openers in one JVM, in two processes, and with qemu. */
class ImageLockTest {

    @Test
    void aSecondOpenerInTheSameProcessFailsAtOnceNamingTheImage(@TempDir Path temp) throws IOException {
        Path image = blank(temp.resolve("disk.img"));
        try (FileBlockDevice first = FileBlockDevice.open(image, false)) {
            ImageInUseException e = assertThrows(ImageInUseException.class, () -> FileBlockDevice.open(image, false));
            assertEquals("disk image " + image + " is already open in this process: open it once", e.getMessage());
            assertThrows(ImageInUseException.class, () -> FileBlockDevice.open(image, true));
        }
        FileBlockDevice.open(image, false).close();
    }

    @Test
    void aWriterInAnotherProcessIsNamedByPidAndAKilledOneNeverBlocks(@TempDir Path temp) throws Exception {
        Path image = blank(temp.resolve("disk.img"));
        Process holder = hold(image, "rw");
        try {
            long started = System.nanoTime();
            ImageInUseException writer = assertThrows(ImageInUseException.class, () -> FileBlockDevice.open(image, false));
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "fails at once, never waits");
            assertEquals("disk image " + image + " is in use by PID " + holder.pid() + " (java -cp "
                    + firstClassPathEntry() + "): stop it first (two programs writing one image corrupt it)",
                    writer.getMessage());
            ImageInUseException reader = assertThrows(ImageInUseException.class, () -> FileBlockDevice.open(image, true));
            assertTrue(reader.getMessage().endsWith(", which writes it: stop it to read the image"), reader.getMessage());
        } finally {
            holder.destroyForcibly().waitFor(); // SIGKILL: no close, no cleanup of any kind
        }
        try (FileBlockDevice next = FileBlockDevice.open(image, false)) {
            assertFalse(next.isReadOnly(), "the killed holder's lock went with it");
        }
    }

    @Test
    void readersShareAnImageAndKeepWritersOut(@TempDir Path temp) throws Exception {
        Path image = blank(temp.resolve("disk.img"));
        Process reader = hold(image, "ro");
        try {
            try (FileBlockDevice alsoReading = FileBlockDevice.open(image, true)) {
                assertTrue(alsoReading.isReadOnly());
            }
            ImageInUseException e = assertThrows(ImageInUseException.class, () -> FileBlockDevice.open(image, false));
            assertTrue(e.getMessage().contains("is in use by PID " + reader.pid()), e.getMessage());
        } finally {
            reader.getOutputStream().close(); // a clean exit this time
            assertEquals(0, reader.waitFor());
        }
        FileBlockDevice.open(image, false).close();
    }

    @Test
    void qemuAndTheFileProviderSeeEachOthersLocks(@TempDir Path temp) throws Exception {
        assumeTrue(onPath("qemu-system-x86_64"), "qemu-system-x86_64 is not installed");
        Path image = blank(temp.resolve("disk.img"));
        // Paused (-S) with the image attached read-write: qemu takes its OFD locks when the drive opens.
        List<String> qemu = List.of("qemu-system-x86_64", "-machine", "pc", "-nodefaults", "-display", "none",
                "-monitor", "none", "-S", "-drive", "file=" + image + ",format=raw,if=none,id=d",
                "-device", "virtio-blk-pci,drive=d");
        try (FileBlockDevice held = FileBlockDevice.open(image, false)) {
            Process refused = new ProcessBuilder(qemu).redirectErrorStream(true).start();
            try {
                assertTrue(refused.waitFor(30, TimeUnit.SECONDS), "qemu refused the image at once");
                String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(1, refused.exitValue(), output);
                assertTrue(output.contains("lock"), output);
            } finally {
                refused.destroyForcibly().waitFor(); // a qemu that did start (no lock) must not outlive the test
            }
        }
        Process vm = new ProcessBuilder(qemu).redirectErrorStream(true).start();
        try {
            // Opening it meanwhile would keep qemu out: wait for qemu's locks in the kernel's table instead.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (LockHolders.describe(image).isEmpty()) {
                assertTrue(vm.isAlive() && System.nanoTime() < deadline,
                        "qemu locked the image: " + new String(vm.getInputStream().readNBytes(vm.isAlive() ? 0 : 4096)));
                Thread.sleep(50);
            }
            ImageInUseException e = assertThrows(ImageInUseException.class, () -> FileBlockDevice.open(image, false));
            assertEquals("disk image " + image + " is in use by a program holding an OFD lock (qemu takes those): stop it"
                    + " first (two programs writing one image corrupt it)", e.getMessage());
        } finally {
            vm.destroyForcibly().waitFor();
        }
        FileBlockDevice.open(image, false).close();
    }

    @Test
    void aNewImageIsOwnerOnlyFromTheStartAndNewOnlyWhenCreated(@TempDir Path temp) throws IOException {
        Path image = temp.resolve("new.img");
        try (FileBlockDevice created = FileBlockDevice.create(image, 1 << 20, 512)) {
            assertTrue(created.isNew());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)));
            assertThrows(ImageInUseException.class, () -> FileBlockDevice.open(image, true), "locked as it is created");
        }
        try (FileBlockDevice existing = FileBlockDevice.open(image, false)) {
            assertFalse(existing.isNew(), "an image that existed is not new: its zeros may be a lost header");
        }
        try (FileBlockDevice vouched = FileBlockDevice.open(image, false, 512, true)) {
            assertTrue(vouched.isNew());
        }
    }

    @Test
    void holdersAreReadFromTheKernelsLockTable(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("4242"));
        Files.write(proc.resolve("4242/cmdline"), "/opt/jdk/bin/java\0-Xmx1g\0-cp\0/srv/sftp/lib/sftp.jar:/srv/sftp/lib/a.jar\0unikernel.Main\0"
                .getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(proc.resolve("77"));
        Files.write(proc.resolve("77/cmdline"), "/usr/bin/flock\0x\0".getBytes(StandardCharsets.UTF_8));
        long dev = (0xfeL << 8) | 1; // fe:01
        List<String> table = List.of(
                "1: POSIX  ADVISORY  WRITE 4242 fe:01:2450651 0 EOF",
                "1: -> POSIX  ADVISORY  WRITE 99 fe:01:2450651 0 EOF",
                "2: FLOCK  ADVISORY  WRITE 77 fe:01:2450652 0 EOF",
                "3: OFDLCK ADVISORY  READ -1 fe:01:2450653 100 101",
                "4: POSIX  ADVISORY  WRITE 0 fe:01:2450654 0 EOF");
        assertEquals("PID 4242 (java -cp sftp.jar)", LockHolders.describe(table, dev, 2450651, proc), "waiters are not holders");
        assertEquals("PID 77 (flock)", LockHolders.describe(table, dev, 2450652, proc));
        assertEquals("a program holding an OFD lock (qemu takes those)", LockHolders.describe(table, dev, 2450653, proc));
        assertEquals("PID 4242 (java -cp sftp.jar)", LockHolders.describe(table, 0x2dL, 2450651, proc),
                "another st_dev (btrfs, overlayfs): the inode alone");
        assertEquals("a program outside this PID namespace (another container?)",
                LockHolders.describe(table, dev, 2450654, proc));
        assertEquals("", LockHolders.describe(table, dev, 1, proc));
    }

    private static Path blank(Path image) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(1 << 20);
        }
        return image;
    }

    /** A child JVM holding the image; returns once it holds it. */
    private static Process hold(Path image, String mode) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ImageHolder.class.getName(), image.toString(), mode).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(line != null && line.startsWith("holding "), "the holder started: " + line);
        return process;
    }

    private static String firstClassPathEntry() {
        return Path.of(System.getProperty("java.class.path").split(":")[0]).getFileName().toString();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}

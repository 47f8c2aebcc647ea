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
 * examples/sftp, unchanged, as a micro-VM of 256 MiB under qemu (TCG), and one disk image moving between
 * targets: written on unix, served by the VM (read and written through the forwarded port), then
 * checked from outside and served on unix again.
 */
class VmSftpTest {

    private static final Path SFTP = Examples.SFTP;
    private static final Path UNIX = Examples.SFTP_LAUNCHER;
    private static final Path RUN_QEMU = SFTP.resolve("target/unikernel/vm/run-qemu");

    @BeforeAll
    static void build() throws Exception {
        Examples.build(SFTP, "unix,vm");
        assertTrue(Files.isExecutable(RUN_QEMU), "no run-qemu at " + RUN_QEMU);
    }

    @Test
    void oneDiskMovesFromUnixToTheVmAndBack(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        // The VM cannot write a new host key back to the host: make it here, the same for both targets.
        Command.of(work, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", setup.hostKey().toString())
                .runOk(Duration.ofMinutes(1));
        Path disk = work.resolve("disk.img");
        Trees.randomFile(work.resolve("from-unix.bin"), 300_000, 21);
        Trees.randomFile(work.resolve("from-vm.bin"), 2 << 20, 22);

        int port = ServerProcess.freePort();
        List<String> qemu = List.of(RUN_QEMU.toString(), "--disk=" + disk, "--passphrase-file=" + setup.passphrase(),
                "--authorized-keys=" + setup.authorizedKeys(), "--host-key=" + setup.hostKey(),
                "--forward=" + port + ":22", "--memory=256M");
        try (ServerProcess unix = SftpServerProcess.start(UNIX, work, setup.arguments(disk, "--create-size=96M"))) {
            new SftpClient(work, setup.identity(), unix.port).batchOk("put from-unix.bin");
            // One writer per image: run-qemu names the server holding it and never boots.
            long started = System.nanoTime();
            Command.Result refused = new Command(qemu, work, Map.of("UNIKERNEL_ACCEL", "tcg")).run(Duration.ofMinutes(1));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(2, refused.exitCode(), refused.output());
            assertEquals("run-qemu: disk image " + disk + " is in use by PID " + unix.pid() + " (java): stop it first"
                    + " (two programs writing one image corrupt it)", refused.output().trim());
            assertTrue(millis < 5_000, "run-qemu gave up in " + millis + " ms");
            assertEquals(0, unix.stop(), unix.output());
        }

        try (ServerProcess vm = SftpServerProcess.launch(qemu, work, Map.of("UNIKERNEL_ACCEL", "tcg"), port,
                Duration.ofMinutes(5))) {
            SftpClient sftp = new SftpClient(work, setup.identity(), port);
            sftp.batchOk("get from-unix.bin unix-via-vm.bin", "put from-vm.bin");
            // qemu's OFD locks keep a unix server out of the image the VM serves.
            Command.Result second = ServerProcess.startFailing(UNIX, work, setup.arguments(disk));
            assertEquals(1, second.exitCode(), second.output());
            assertEquals("sftp: disk image " + disk + " is in use by a program holding an OFD lock (qemu takes those):"
                    + " stop it first (two programs writing one image corrupt it)", second.output().trim());
            Trees.assertSameBytes(work.resolve("from-unix.bin"), work.resolve("unix-via-vm.bin"));
            assertEquals(0, vm.stop(), vm.output());
            assertTrue(vm.output().contains("volume closed cleanly"), vm.output());
            assertTrue(vm.output().contains("unikernel exit 0"), vm.output());
        }

        Path plain = work.resolve("plain.img");
        LuksImages.decrypt(disk, setup.passphrase(), plain);
        Command.Result fsck = Command.of(work, "fsck.fat", "-n", plain.toString()).run(Duration.ofMinutes(5));
        assertEquals(0, fsck.exitCode(), fsck.output());
        Path extracted = Files.createDirectories(work.resolve("extracted"));
        Command.of(work, "mcopy", "-n", "-i", plain.toString(), "::/from-vm.bin", "::/from-unix.bin", extracted.toString())
                .withEnvironment(Map.of("MTOOLS_SKIP_CHECK", "1")).runOk(Duration.ofMinutes(5));
        Trees.assertSameBytes(work.resolve("from-vm.bin"), extracted.resolve("from-vm.bin"));
        Trees.assertSameBytes(work.resolve("from-unix.bin"), extracted.resolve("from-unix.bin"));

        try (ServerProcess unix = SftpServerProcess.start(UNIX, work, setup.arguments(disk))) {
            new SftpClient(work, setup.identity(), unix.port).batchOk("get from-vm.bin vm-via-unix.bin");
            assertEquals(0, unix.stop(), unix.output());
        }
        Trees.assertSameBytes(work.resolve("from-vm.bin"), work.resolve("vm-via-unix.bin"));
    }
}

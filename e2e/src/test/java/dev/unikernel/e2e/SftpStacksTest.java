package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.e2e.SftpExampleTest.Setup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * examples/sftp built with other device stacks, chosen by configuration alone
 * ({@code -Dunikernel.devices}): a plain FAT16 image that fsck.fat and mtools read directly once the
 * server stops, and a RAM disk that leaves nothing behind. The default stack, fat(luks(disk)), is
 * what {@link SftpExampleTest} serves.
 */
class SftpStacksTest {

    /** Builds the example with {@code stack} into a directory of its own, so the default build stays as it is. */
    static Path build(String name, String stack) throws Exception {
        Path output = Examples.SFTP.resolve("target/unikernel-" + name);
        Command.maven(Examples.SFTP, "-q", "unikernel:build", "-Dtarget=unix", "-Dunikernel.devices=volume=" + stack,
                "-Dunikernel.outputDirectory=" + output, "-Dunikernel.aot=false").runOk(Duration.ofMinutes(10));
        String main = Files.readString(output.resolve("unix/generated/unikernel/Main.java"));
        assertTrue(main.contains("Deferred<FileSystem> volume = boot.deferred(\"volume\", scope -> {"), main);
        return output.resolve("unix/bin/sftp");
    }

    @Test
    void aPlainFatImageIsServedAndTheRealToolsReadItAfterwards(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        Path launcher = build("plain", "fat(disk)");
        Setup setup = Setup.in(work);
        Path disk = work.resolve("plain.img");
        Path file = work.resolve("upload.bin");
        Trees.randomFile(file, 5 << 20, 11);
        List<String> arguments = List.of("--disk=" + disk, "--create-size=64M", "--authorized-keys=" + setup.authorizedKeys(),
                "--host-key=" + setup.hostKey());
        try (ServerProcess server = SftpServerProcess.start(launcher, work, arguments)) {
            SftpClient sftp = new SftpClient(work, setup.identity(), server.port);
            sftp.batchOk("mkdir dir", "put upload.bin dir/upload.bin");
            sftp.batchOk("get dir/upload.bin back.bin");
            Trees.assertSameBytes(file, work.resolve("back.bin"));
            assertEquals(0, server.stop(), server.output());
            assertTrue(server.output().contains("volume closed cleanly"), server.output());
        }
        Command.Result fsck = Command.of(work, "fsck.fat", "-n", disk.toString()).run(Duration.ofMinutes(2));
        assertEquals(0, fsck.exitCode(), fsck.output());
        Command.of(work, "mcopy", "-n", "-i", disk.toString(), "::/dir/upload.bin", work.resolve("mtools.bin").toString())
                .withEnvironment(Map.of("MTOOLS_SKIP_CHECK", "1")).runOk(Duration.ofMinutes(1));
        Trees.assertSameBytes(file, work.resolve("mtools.bin"));
    }

    @Test
    void aRamDiskServesWithoutAnyDiskOrPassphrase(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        Path launcher = build("memory", "fat(memory)");
        Setup setup = Setup.in(work);
        Path file = work.resolve("upload.bin");
        Trees.randomFile(file, 3 << 20, 12);
        List<String> arguments = List.of("--memory-size=32M", "--authorized-keys=" + setup.authorizedKeys(),
                "--host-key=" + setup.hostKey());
        try (ServerProcess server = SftpServerProcess.start(launcher, work, arguments)) {
            SftpClient sftp = new SftpClient(work, setup.identity(), server.port);
            sftp.batchOk("put upload.bin upload.bin", "get upload.bin back.bin");
            Trees.assertSameBytes(file, work.resolve("back.bin"));
            String df = sftp.batchOk("df");
            assertTrue(df.matches("(?s).*\\n\\s*3\\d{4}\\s+\\d+\\s+\\d+.*"), "about 32 MiB in KiB: " + df);
            assertEquals(0, server.stop(), server.output());
        }
        try (var left = Files.list(work)) {
            assertFalse(left.anyMatch(p -> p.toString().endsWith(".img")), "a RAM disk leaves no image");
        }
        Command.Result help = Command.of(work, launcher.toString(), "--help").run(Duration.ofMinutes(1));
        assertFalse(help.output().contains("--passphrase"), "no encryption, no passphrase key: " + help.output());
    }
}

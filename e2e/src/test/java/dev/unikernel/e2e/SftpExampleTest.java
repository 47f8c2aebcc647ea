package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/sftp on the unix target, tested from outside with real tools only: OpenSSH sftp and
 * sshfs against the running server, then cryptsetup, an independent AES-XTS, fsck.fat and mtools
 * against the disk image it leaves.
 */
class SftpExampleTest {

    private static final Path SFTP = Examples.SFTP;
    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;
    static final String PASSPHRASE = "correct horse battery staple";

    @BeforeAll
    static void build() throws Exception {
        Examples.build(SFTP, "unix");
        assertTrue(Files.isExecutable(LAUNCHER), "no launcher at " + LAUNCHER);
    }

    /** A working directory with a passphrase file, a client key and its authorized_keys. */
    record Setup(Path work, Path passphrase, Path identity, Path authorizedKeys, Path hostKey) {

        static Setup in(Path work) throws Exception {
            Path passphrase = work.resolve("passphrase");
            PrivateFiles.write(passphrase, PASSPHRASE);
            Path identity = work.resolve("client_ed25519");
            Command.of(work, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", identity.toString())
                    .runOk(Duration.ofMinutes(1));
            Path authorized = work.resolve("authorized_keys");
            Files.copy(work.resolve("client_ed25519.pub"), authorized);
            return new Setup(work, passphrase, identity, authorized, work.resolve("host_ed25519"));
        }

        List<String> arguments(Path disk, String... extra) {
            List<String> arguments = new ArrayList<>(List.of("--disk=" + disk, "--passphrase-file=" + passphrase,
                    "--authorized-keys=" + authorizedKeys, "--host-key=" + hostKey));
            arguments.addAll(List.of(extra));
            return arguments;
        }
    }

    @Test
    void servesFilesOverSftpAndSshfsAndLeavesADiskTheRealToolsRead(@TempDir Path work) throws Exception {
        Setup setup = Setup.in(work);
        Path disk = work.resolve("disk.img");
        Path local = work.resolve("local");
        Trees.randomFile(local.resolve("empty.bin"), 0, 1);
        Trees.randomFile(local.resolve("small.txt"), 1000, 2);
        Trees.randomFile(local.resolve("three-megabytes.bin"), 3 << 20, 3);
        Trees.randomFile(local.resolve("A long file name with spaces, accents (é, ü) and more than 100 characters"
                + " to need several VFAT slots.data"), 12345, 4);
        Trees.randomFile(local.resolve("nested/deeper/still deeper/leaf.bin"), 70000, 5);
        Trees.randomFile(work.resolve("big.bin"), 512L << 20, 6);

        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk, "--create-size=1200M"))) {
            SftpClient sftp = new SftpClient(work, setup.identity(), server.port);
            sftp.batchOk("mkdir tree", "put -r local/* tree/", "mkdir upload", "put big.bin upload/big.bin");
            sftp.batchOk("get -r tree fetched", "get upload/big.bin big.back");
            Trees.assertSameTree(local, work.resolve("fetched"));
            Trees.assertSameBytes(work.resolve("big.bin"), work.resolve("big.back"));

            sftp.batchOk("rename tree/small.txt tree/renamed.txt", "rm upload/big.bin", "rmdir upload");
            String listing = sftp.batchOk("ls -1 tree");
            assertTrue(listing.contains("renamed.txt") && !listing.contains("small.txt"), listing);

            Command.Result missing = sftp.batch("get tree/does-not-exist.txt");
            assertEquals(1, missing.exitCode(), missing.output());
            assertTrue(missing.output().contains("not found") || missing.output().contains("No such file"), missing.output());

            String df = sftp.batchOk("df");
            assertTrue(df.matches("(?s).*Size\\s+Used\\s+Avail.*\\n\\s*\\d+\\s+\\d+\\s+\\d+.*"), df);

            Command.Result link = sftp.batch("ln tree/renamed.txt tree/hard-link.txt");
            assertEquals(1, link.exitCode(), "hard links are refused: " + link.output());

            sshfsCopiesATreeOfSmallFiles(setup, server.port, work);

            assertEquals(0, server.stop(), server.output());
            String log = server.output();
            assertTrue(log.contains("session ended: user sftp from /127.0.0.1:"), log);
            assertTrue(log.contains("volume closed cleanly"), log);
            assertFalse(log.contains(PASSPHRASE), "the passphrase must never be logged");
        }

        // From outside: independent decryption, fsck.fat, and mtools read every file back.
        Path plain = work.resolve("plain.img");
        LuksImages.decrypt(disk, setup.passphrase(), plain);
        Command.Result fsck = Command.of(work, "fsck.fat", "-n", plain.toString()).run(Duration.ofMinutes(5));
        assertEquals(0, fsck.exitCode(), fsck.output());
        Path extracted = work.resolve("extracted");
        Files.createDirectories(extracted);
        Command.of(work, "mcopy", "-s", "-n", "-i", plain.toString(), "::/tree", extracted.toString())
                .withEnvironment(java.util.Map.of("MTOOLS_SKIP_CHECK", "1")).runOk(Duration.ofMinutes(5));
        Files.move(local.resolve("small.txt"), local.resolve("renamed.txt"));
        Trees.assertSameTree(local, extracted.resolve("tree"));
    }

    private static void sshfsCopiesATreeOfSmallFiles(Setup setup, int port, Path work) throws Exception {
        Path many = work.resolve("many");
        for (int i = 0; i < 2000; i++) {
            Files.createDirectories(many.resolve("d" + (i % 20)));
            Files.writeString(many.resolve("d" + (i % 20)).resolve("file-" + i + ".txt"), "file " + i + "\n".repeat(i % 7));
        }
        Path mount = work.resolve("mnt");
        Files.createDirectories(mount);
        Command.of(work, "sshfs", "-p", Integer.toString(port), "-o", "IdentityFile=" + setup.identity()
                + ",IdentitiesOnly=yes,StrictHostKeyChecking=no,UserKnownHostsFile=/dev/null,BatchMode=yes",
                "sftp@127.0.0.1:/", mount.toString()).runOk(Duration.ofMinutes(1));
        try {
            Command.of(work, "cp", "-r", many.toString(), mount.resolve("many").toString()).runOk(Duration.ofMinutes(10));
            Command.of(work, "diff", "-r", many.toString(), mount.resolve("many").toString()).runOk(Duration.ofMinutes(10));
            String df = Command.of(work, "df", "-k", mount.toString()).runOk(Duration.ofMinutes(1));
            assertTrue(df.contains("sftp@127.0.0.1:/"), df);
        } finally {
            Command.of(work, "fusermount3", "-u", mount.toString()).run(Duration.ofMinutes(1));
        }
    }

    @Test
    void servesADiskPreparedWithCryptsetupMkfsFatAndMcopy(@TempDir Path work) throws Exception {
        Setup setup = Setup.in(work);
        Path disk = work.resolve("prepared.img");
        Path local = work.resolve("local");
        Trees.randomFile(local.resolve("from mtools.bin"), 200_000, 7);
        Trees.randomFile(local.resolve("sub/dir/note.txt"), 99, 8);
        // A 64 MiB FAT16 in the first part of a 96 MiB image, then encrypted in place by cryptsetup.
        Command.of(work, "truncate", "-s", "96M", disk.toString()).runOk(Duration.ofMinutes(1));
        Command.of(work, "mkfs.fat", "-F", "16", "-n", "PREPARED", disk.toString(), Integer.toString(64 * 1024))
                .runOk(Duration.ofMinutes(1));
        Command.of(work, "mcopy", "-s", "-i", disk.toString(), local.resolve("from mtools.bin").toString(),
                local.resolve("sub").toString(), "::/").runOk(Duration.ofMinutes(1));
        Command.of(work, "cryptsetup", "reencrypt", "--encrypt", "--type", "luks2", "--reduce-device-size", "32M",
                "--force-offline-reencrypt", "--batch-mode", "--key-file", setup.passphrase().toString(),
                "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", disk.toString()).runOk(Duration.ofMinutes(2));

        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk))) {
            new SftpClient(work, setup.identity(), server.port).batchOk("get -r / fetched");
            assertEquals(0, server.stop(), server.output());
        }
        Trees.assertSameTree(local, work.resolve("fetched"));
    }

    @Test
    void startupProblemsEndWithOneClearLineAndNonZeroExit(@TempDir Path work) throws Exception {
        Setup setup = Setup.in(work);
        Path disk = work.resolve("disk.img");

        Command.Result noDisk = ServerProcess.startFailing(LAUNCHER, work, setup.arguments(disk));
        assertEquals(1, noDisk.exitCode());
        assertEquals("sftp: disk image " + disk + " does not exist: give create-size (e.g. --create-size=256M) to create it",
                noDisk.output().trim());

        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk, "--create-size=64M"))) {
            Command.Result portInUse = ServerProcess.startFailing(LAUNCHER, work,
                    List.of("--port=" + server.port, "--disk=" + work.resolve("other.img"), "--create-size=64M",
                            "--passphrase-file=" + setup.passphrase(), "--authorized-keys=" + setup.authorizedKeys(),
                            "--host-key=" + setup.hostKey()));
            assertEquals(1, portInUse.exitCode(), portInUse.output());
            assertTrue(portInUse.output().contains("cannot listen on"), portInUse.output());
            assertEquals(0, server.stop());
        }

        Path wrong = work.resolve("wrong-passphrase");
        PrivateFiles.write(wrong, "not the passphrase");
        List<String> arguments = setup.arguments(disk);
        arguments.set(1, "--passphrase-file=" + wrong);
        Command.Result badPassphrase = ServerProcess.startFailing(LAUNCHER, work, arguments);
        assertEquals(1, badPassphrase.exitCode());
        assertEquals(1, badPassphrase.output().trim().lines().count(), badPassphrase.output());
        assertTrue(badPassphrase.output().toLowerCase().contains("passphrase"), badPassphrase.output());
        assertFalse(badPassphrase.output().contains("not the passphrase"));

        Path badKeys = work.resolve("bad_keys");
        Files.writeString(badKeys, "ssh-ed25519 this-is-not-base64 someone\n", StandardCharsets.UTF_8);
        arguments = setup.arguments(disk);
        arguments.set(2, "--authorized-keys=" + badKeys);
        Command.Result badKeyFile = ServerProcess.startFailing(LAUNCHER, work, arguments);
        assertEquals(1, badKeyFile.exitCode());
        assertTrue(badKeyFile.output().contains("authorized keys file " + badKeys), badKeyFile.output());

        Command.Result secretOnCommandLine = ServerProcess.startFailing(LAUNCHER, work,
                List.of("--passphrase=" + PASSPHRASE));
        assertEquals(2, secretOnCommandLine.exitCode());
        assertFalse(secretOnCommandLine.output().contains(PASSPHRASE));
    }
}

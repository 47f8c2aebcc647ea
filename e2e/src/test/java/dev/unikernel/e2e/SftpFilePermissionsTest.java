package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files that grant access and the secrets, as the sftp example's user meets them: the unix server
 * refuses an authorized_keys others may write and a passphrase file others may read (as sshd's
 * StrictModes and ssh's private keys), a build with the passphrase in the image's environment fails,
 * and run-qemu refuses a value that would split into kernel command line words and a host key that
 * is not on the host, before any qemu starts.
 */
class SftpFilePermissionsTest {

    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;

    @Test
    void theUnixServerRefusesAWorldWritableAuthorizedKeysAndAReadablePassphrase(@TempDir Path work) throws Exception {
        Examples.build(Examples.SFTP, "unix");
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path disk = work.resolve("disk.img");

        Files.setPosixFilePermissions(setup.authorizedKeys(), PosixFilePermissions.fromString("rw-rw-rw-"));
        Command.Result writable = ServerProcess.startFailing(LAUNCHER, work, setup.arguments(disk, "--create-size=64M"));
        assertEquals(1, writable.exitCode(), writable.output());
        assertTrue(writable.output().contains("sftp: authorized keys file " + setup.authorizedKeys() + " is writable by"
                + " group or others (mode 0666): chmod go-w " + setup.authorizedKeys() + "\n"), writable.output());
        Files.setPosixFilePermissions(setup.authorizedKeys(), PosixFilePermissions.fromString("rw-r--r--"));

        Files.setPosixFilePermissions(setup.passphrase(), PosixFilePermissions.fromString("rw-r--r--"));
        Command.Result readable = ServerProcess.startFailing(LAUNCHER, work, setup.arguments(disk, "--create-size=64M"));
        assertEquals(2, readable.exitCode(), readable.output());
        assertTrue(readable.output().startsWith("sftp: permissions 0644 for passphrase file " + setup.passphrase()
                + " are too open: it must not be accessible by group or others (chmod 600 " + setup.passphrase() + ")\n"),
                readable.output());
        assertFalse(readable.output().contains(SftpExampleTest.PASSPHRASE));
        assertFalse(Files.exists(disk), "nothing was made before the refusal");
    }

    @Test
    void aBuildWithThePassphraseInTheImageEnvironmentFailsWithTheFix(@TempDir Path work) throws Exception {
        Path project = Files.createDirectories(work.resolve("sftp"));
        copyTree(Examples.SFTP.resolve("src/main"), project.resolve("src/main"));
        String pom = Files.readString(Examples.SFTP.resolve("pom.xml"));
        Files.writeString(project.resolve("pom.xml"), pom.replace("<devices>",
                "<imageEnvironment><UNIKERNEL_PASSPHRASE>hunter2-in-the-image</UNIKERNEL_PASSPHRASE></imageEnvironment>\n"
                        + "          <devices>"));
        Command.Result build = Command.maven(project, "-q", "unikernel:build", "-Dtarget=oci").run(Duration.ofMinutes(10));
        assertTrue(build.exitCode() != 0, build.output());
        assertTrue(build.output().contains("<imageEnvironment> sets UNIKERNEL_PASSPHRASE, a secret key: the image"
                + " configuration and run-sftp.sh would carry it to everyone who has the image. Remove it and mount the"
                + " secret as a file instead: /run/secrets/passphrase"), build.output());
        assertFalse(build.output().contains("hunter2-in-the-image"), "the value is never echoed");
        assertFalse(Files.exists(project.resolve("target/unikernel/oci/sftp.tar")), "no image was written");
    }

    @Test
    void runQemuRefusesValuesThatWouldInjectKernelWordsAndAHostKeyNotOnTheHost(@TempDir Path work) throws Exception {
        Examples.build(Examples.SFTP, "vm");
        Path runQemu = Examples.SFTP.resolve("target/unikernel/vm/run-qemu");
        // QEMU names a program that records being started: none of these may get that far.
        Path started = work.resolve("qemu-started");
        Path fakeQemu = Files.writeString(work.resolve("qemu"), "#!/bin/sh\ntouch '" + started + "'\n");
        Files.setPosixFilePermissions(fakeQemu, PosixFilePermissions.fromString("rwx------"));
        for (String value : List.of("sftp\tunikernel.read-only", "sftp\nunikernel.read-only")) {
            Command.Result refused = Command.of(work, runQemu.toString(), "--user=" + value)
                    .withEnvironment(java.util.Map.of("QEMU", fakeQemu.toString())).run(Duration.ofMinutes(1));
            assertEquals(2, refused.exitCode(), refused.output());
            assertEquals("run-qemu: --user: a value cannot contain a tab, a newline or another control character on the"
                    + " kernel command line", refused.output().trim());
        }
        Path missing = work.resolve("host_ed25519");
        Command.Result noHostKey = Command.of(work, runQemu.toString(), "--host-key=" + missing)
                .withEnvironment(java.util.Map.of("QEMU", fakeQemu.toString())).run(Duration.ofMinutes(1));
        assertEquals(2, noHostKey.exitCode(), noHostKey.output());
        assertTrue(noHostKey.output().startsWith("run-qemu: --host-key=" + missing + ": no such file on the host"),
                noHostKey.output());
        assertFalse(Files.exists(started), "qemu never started");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}

package dev.unikernel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files with real modes, owners and symlinks, checked as sshd's StrictModes and ssh's private keys are. */
class TrustedFilesTest {

    @TempDir
    Path work;
    private TrustedFiles self;
    private int uid;

    @BeforeEach
    void setUp() throws Exception {
        self = TrustedFiles.forThisProcess();
        uid = (Integer) Files.getAttribute(Files.createFile(work.resolve("probe")), "unix:uid");
    }

    @Test
    void aPrivateFileOfOurOwnPassesAndOneOthersMayReadIsTooOpen() throws Exception {
        Path key = file("host-key", "rw-------");
        self.check(key, "host key", true);
        chmod(key, "rw-r--r--");
        IOException e = assertThrows(IOException.class, () -> self.check(key, "host key", true));
        assertEquals("permissions 0644 for host key " + key + " are too open: it must not be accessible by group or"
                + " others (chmod 600 " + key + ")", e.getMessage());
        // A file that only grants access (authorized_keys) may be read by all, as sshd allows.
        self.check(key, "authorized keys file", false);
    }

    @Test
    void aFileOthersMayWriteIsRefusedWithTheFix() throws Exception {
        for (String mode : List.of("rw-rw-r--", "rw-r--rw-")) {
            Path keys = file("authorized_keys", mode);
            IOException e = assertThrows(IOException.class, () -> self.check(keys, "authorized keys file", false));
            assertTrue(e.getMessage().startsWith("authorized keys file " + keys + " is writable by group or others"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("chmod go-w " + keys), e.getMessage());
        }
    }

    @Test
    void aFileOfAnotherUserIsRefused() throws Exception {
        assumeTrue(uid == 0, "chown needs root");
        Path keys = file("authorized_keys", "rw-r--r--");
        Files.setAttribute(keys, "unix:uid", 4242);
        IOException e = assertThrows(IOException.class, () -> self.check(keys, "authorized keys file", false));
        assertTrue(e.getMessage().contains("is owned by uid 4242, neither this process's user (uid 0) nor root"),
                e.getMessage());
    }

    @Test
    void aRootOwnedSecretOthersMayReadIsRootsChoice() throws Exception {
        assumeTrue(uid == 0, "a root-owned file needs root");
        Path secret = file("passphrase", "rw-r--r--");
        TrustedFiles.of(65532, List.of(65532)).check(secret, "passphrase file", true);
    }

    @Test
    void aDirectoryOthersMayWriteIsRefusedUnlessSticky() throws Exception {
        Path open = Files.createDirectory(work.resolve("open"));
        Path keys = Files.writeString(open.resolve("authorized_keys"), "");
        chmod(open, "rwxrwxrwx");
        IOException e = assertThrows(IOException.class, () -> self.check(keys, "authorized keys file", false));
        assertEquals("authorized keys file " + keys + " is in directory " + open + ", which group or others may"
                + " write (mode 0777): chmod go-w " + open, e.getMessage());
        Files.setAttribute(open, "unix:mode", 01777);
        self.check(keys, "authorized keys file", false);
    }

    @Test
    void aDirectoryWritableByAGroupOfOursPassesAndByAnotherGroupIsRefused() throws Exception {
        assumeTrue(uid == 0, "chgrp to any group needs root");
        Path claim = Files.createDirectory(work.resolve("claim"));
        Path keys = Files.writeString(claim.resolve("authorized-keys"), "");
        Files.setAttribute(claim, "unix:gid", 4242);
        Files.setAttribute(claim, "unix:mode", 02775);
        assertThrows(IOException.class, () -> TrustedFiles.of(0, List.of(0)).check(keys, "authorized keys file", false));
        // A Kubernetes fsGroup volume: the pod's user has the group.
        TrustedFiles.of(0, List.of(0, 4242)).check(keys, "authorized keys file", false);
    }

    @Test
    void aLinkIsFollowedAndBothItsDirectoryAndItsTargetAreChecked() throws Exception {
        Path target = file("real-key", "rw-rw-rw-");
        Path link = Files.createSymbolicLink(work.resolve("host-key"), target);
        IOException e = assertThrows(IOException.class, () -> self.check(link, "host key", true));
        assertTrue(e.getMessage().startsWith("host key " + link + " (a link to " + target + ") is writable by group or"
                + " others (mode 0666): chmod go-w " + target), e.getMessage());

        chmod(target, "rw-------");
        Path open = Files.createDirectory(work.resolve("open"));
        Path swappable = Files.createSymbolicLink(open.resolve("host-key"), target);
        chmod(open, "rwxrwxrwx");
        e = assertThrows(IOException.class, () -> self.check(swappable, "host key", true));
        assertTrue(e.getMessage().contains("is in directory " + open + ", which group or others may write"), e.getMessage());

        Path loop = Files.createSymbolicLink(work.resolve("loop"), work.resolve("loop"));
        assertThrows(IOException.class, () -> self.check(loop, "host key", true));
    }

    @Test
    void aKubernetesSecretVolumePassesForThePodsUser() throws Exception {
        assumeTrue(uid == 0, "a root-owned volume needs root");
        // As a kubelet writes a Secret: a sticky tmpfs, a timestamped directory, ..data and links to it.
        Path volume = Files.createDirectory(work.resolve("secrets"));
        Path timestamped = Files.createDirectory(volume.resolve("..2026_12_08_01_00_00.1"));
        Files.writeString(timestamped.resolve("passphrase"), "secret");
        Files.setAttribute(timestamped.resolve("passphrase"), "unix:mode", 0644);
        Files.createSymbolicLink(volume.resolve("..data"), Path.of(timestamped.getFileName().toString()));
        Path passphrase = Files.createSymbolicLink(volume.resolve("passphrase"), Path.of("..data/passphrase"));
        Files.setAttribute(volume, "unix:mode", 01777);
        TrustedFiles.of(65532, List.of(65532, 2000)).check(passphrase, "passphrase file", true);
        // The same file owned by the pod's user would be too open.
        Files.setAttribute(timestamped.resolve("passphrase"), "unix:uid", 65532);
        assertThrows(IOException.class, () -> TrustedFiles.of(65532, List.of(65532)).check(passphrase, "passphrase file", true));
    }

    @Test
    void aMissingFileIsLeftToItsReader() throws Exception {
        self.check(work.resolve("nothing-here"), "host key", true);
        self.check(work.resolve("no-directory/nothing-here"), "host key", true);
    }

    private Path file(String name, String mode) throws IOException {
        Path file = work.resolve(name);
        Files.deleteIfExists(file);
        Files.writeString(file, "x");
        chmod(file, mode);
        return file;
    }

    private static void chmod(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }
}

package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host key through the JDK's Ed25519: created once, read back the same, and files from OpenSSH read as well. */
class HostKeysTest {

    /** Made by {@code ssh-keygen -t ed25519 -C fixture} (OpenSSH 9); its public half and fingerprint below. */
    private static final String OPENSSH_ED25519 = """
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            QyNTUxOQAAACAa4S8xoexoFLUZFJKf5+FlTlsuyI9hyVhh1JqeXK9B+QAAAJAjyDI4I8gy
            OAAAAAtzc2gtZWQyNTUxOQAAACAa4S8xoexoFLUZFJKf5+FlTlsuyI9hyVhh1JqeXK9B+Q
            AAAED59y/Ry8N6jfPPFoDrKtpGYoawI19LOgC9zgqFTWXtURrhLzGh7GgUtRkUkp/n4WVO
            Wy7Ij2HJWGHUmp5cr0H5AAAAB2ZpeHR1cmUBAgMEBQY=
            -----END OPENSSH PRIVATE KEY-----
            """;
    private static final String OPENSSH_ED25519_PUBLIC = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBrhLzGh7GgUtRkUkp/n4WVOWy7Ij2HJWGHUmp5cr0H5 fixture";
    private static final String OPENSSH_ED25519_FINGERPRINT = "SHA256:sgiAGKscpKV9H7mEvPoDGqVpWV7+HHzBNCHGALgBO7w";

    /** Made by {@code ssh-keygen -t ecdsa -b 256}: a valid key of another type. */
    private static final String OPENSSH_ECDSA = """
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAaAAAABNlY2RzYS
            1zaGEyLW5pc3RwMjU2AAAACG5pc3RwMjU2AAAAQQSHPTNdEuIuXV10il8SfJfhwzu3iduR
            qOi9MCPaZNyEq+4hNAJjXW/Ealrub9315E6pvN4zBcWxDqN5zLHXimNxAAAAoGbFOuNmxT
            rjAAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBIc9M10S4i5dXXSK
            XxJ8l+HDO7eJ25Go6L0wI9pk3ISr7iE0AmNdb8RqWu5v3fXkTqm83jMFxbEOo3nMsdeKY3
            EAAAAhAM4CCwWeS0ZdgEzT7kmhJoWZEhaJauGlxIW2ZS4bs0DRAAAAB2ZpeHR1cmU=
            -----END OPENSSH PRIVATE KEY-----
            """;

    @BeforeAll
    static void jdkCrypto() {
        JdkCryptoForMina.install();
    }

    @Test
    void aMissingKeyIsCreatedPrivateInOpenSshFormatAndReadBackTheSame(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("host_ed25519");
        KeyPair created = HostKeys.loadOrCreate(file);
        assertTrue(created.getPublic() instanceof EdECPublicKey && created.getPrivate() instanceof EdECPrivateKey);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"), Files.readString(file));
        try (var leftovers = Files.list(directory)) {
            assertEquals(List.of(file), leftovers.toList(), "no temporary file is left beside it");
        }

        KeyPair again = HostKeys.loadOrCreate(file);
        assertTrue(KeyUtils.compareKeys(created.getPublic(), again.getPublic()));
        assertTrue(KeyUtils.compareKeys(created.getPrivate(), again.getPrivate()));
        assertEquals("ssh-ed25519", KeyUtils.getKeyType(again));
    }

    @Test
    void aKeyMadeByOpenSshIsReadWithItsPublicHalf(@TempDir Path directory) throws Exception {
        Path file = privateFile(directory.resolve("host_ed25519"), OPENSSH_ED25519);
        KeyPair key = HostKeys.loadOrCreate(file);
        AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(OPENSSH_ED25519_PUBLIC);
        assertNotNull(entry);
        assertTrue(KeyUtils.compareKeys(entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING), key.getPublic()));
        assertEquals(OPENSSH_ED25519_FINGERPRINT, KeyUtils.getFingerPrint(key.getPublic()));
        assertEquals(OPENSSH_ED25519, Files.readString(file), "an existing key file is left as it is");
    }

    @Test
    void aKeyFileThatCannotBeUsedStopsTheServerAndStaysAsItIs(@TempDir Path directory) throws Exception {
        Path garbled = directory.resolve("garbled");
        String text = OPENSSH_ED25519.replace("AAAED59y/Ry8N6", "AAAED59z/Ry8N6");
        privateFile(garbled, text);
        IOException unreadable = assertThrows(IOException.class, () -> HostKeys.loadOrCreate(garbled));
        assertTrue(unreadable.getMessage().contains("cannot be read"), unreadable.getMessage());
        assertEquals(text, Files.readString(garbled));

        Path ecdsa = directory.resolve("ecdsa");
        privateFile(ecdsa, OPENSSH_ECDSA);
        IOException otherType = assertThrows(IOException.class, () -> HostKeys.loadOrCreate(ecdsa));
        assertTrue(otherType.getMessage().contains("is a ecdsa-sha2-nistp256 key"), otherType.getMessage());
        assertEquals(OPENSSH_ECDSA, Files.readString(ecdsa));

        Path empty = directory.resolve("empty");
        privateFile(empty, "");
        IOException noKey = assertThrows(IOException.class, () -> HostKeys.loadOrCreate(empty));
        assertTrue(noKey.getMessage().contains("host key " + empty), noKey.getMessage());

        IOException noDirectory = assertThrows(IOException.class,
                () -> HostKeys.loadOrCreate(directory.resolve("missing/host_ed25519")));
        assertTrue(noDirectory.getMessage().contains("does not exist"), noDirectory.getMessage());
    }

    @Test
    void aKeyOthersMayReadOrChangeStopsTheServerWithTheFix(@TempDir Path directory) throws Exception {
        Path file = privateFile(directory.resolve("host_ed25519"), OPENSSH_ED25519);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IOException open = assertThrows(IOException.class, () -> HostKeys.loadOrCreate(file));
        assertEquals("permissions 0644 for host key " + file + " are too open: it must not be accessible by group or"
                + " others (chmod 600 " + file + ")", open.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(directory.resolve("link"), file);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException swappable = assertThrows(IOException.class, () -> HostKeys.loadOrCreate(link));
        assertTrue(swappable.getMessage().endsWith("which group or others may write (mode 0777): chmod go-w " + directory),
                swappable.getMessage());
        IOException create = assertThrows(IOException.class, () -> HostKeys.loadOrCreate(directory.resolve("new")));
        assertTrue(create.getMessage().contains("chmod go-w " + directory), create.getMessage());
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }

    /** A key file as ssh-keygen writes one: 0600. */
    private static Path privateFile(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}

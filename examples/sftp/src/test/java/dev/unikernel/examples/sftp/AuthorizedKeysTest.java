package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An authorized_keys file with options: what loads, and what stops the server naming file, line and option. */
class AuthorizedKeysTest {

    /** As the server does before MINA's first key: otherwise later tests in this JVM find MINA's providers chosen. */
    @BeforeAll
    static void jdkCrypto() {
        JdkCryptoForMina.install();
    }

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKwAHsywiUlkC38VQy8T8hrqjytxrU8c7nm9xLN/oLGO";

    @Test
    void linesWithOptionsLoad(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("authorized_keys");
        Files.writeString(file, "# comment\n\n" + KEY + " plain\n"
                + "from=\"10.9.9.9\",restrict " + KEY + " restricted\n"
                + "  command=\"internal-sftp -R\",from=\"127.0.0.1, ::1\" " + KEY + " with a space in from\n"
                + "expiry-time=\"20000101\"\t" + KEY + " expired, still a valid line\n");
        AuthorizedKeys.load(file, "sftp");
    }

    @Test
    void aBadOptionNamesFileLineAndOption(@TempDir Path dir) throws IOException {
        assertRefused(dir, "frobnicate", "line 2: unknown option frobnicate");
        assertRefused(dir, "command=\"/bin/sh\"", "line 2: option command=\"/bin/sh\" cannot be honoured");
        assertRefused(dir, "no-touch-required", "line 2: option no-touch-required is not supported");
        assertRefused(dir, "from=\"10.0.0.0/40\"", "line 2: option from=\"10.0.0.0/40\"");
        assertRefused(dir, "from=\"unterminated", "line 2: a double quote in the options is never closed");
    }

    @Test
    void aLineWithoutAKeyAfterItsOptionsIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("authorized_keys");
        Files.writeString(file, "restrict\n");
        IOException e = assertThrows(IOException.class, () -> AuthorizedKeys.load(file, "sftp"));
        assertTrue(e.getMessage().startsWith("authorized keys file " + file + " line 1"), e.getMessage());
    }

    private static void assertRefused(Path dir, String options, String expected) throws IOException {
        Path file = dir.resolve("authorized_keys");
        Files.writeString(file, KEY + " fine\n" + options + " " + KEY + " bad\n");
        IOException e = assertThrows(IOException.class, () -> AuthorizedKeys.load(file, "sftp"));
        assertTrue(e.getMessage().startsWith("authorized keys file " + file + " line 2: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().indexOf('\n') < 0, "one line: " + e.getMessage());
    }
}

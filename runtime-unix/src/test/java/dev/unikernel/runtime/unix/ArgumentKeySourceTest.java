package dev.unikernel.runtime.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.Secret;
import dev.unikernel.api.boot.KeyException;
import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import dev.unikernel.api.boot.ApplicationRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgumentKeySourceTest {

    private static final KeySpec PASSPHRASE = KeySpec.required("passphrase", KeyType.SECRET, "LUKS passphrase");
    private static final List<KeySpec> KEYS = List.of(
            KeySpec.withDefault("name", KeyType.STRING, "world", "who"),
            KeySpec.withDefault("read-only", KeyType.BOOLEAN, "false", "no writes"),
            PASSPHRASE);

    @Test
    void valuesFlagsAndSecretFiles(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("pass");
        Files.writeString(file, "correct horse");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ArgumentKeySource source = new ArgumentKeySource(
                new String[] {"--name=Ada Lovelace", "--read-only", "--passphrase-file=" + file}, Map.of());
        assertEquals(Map.of("name", "Ada Lovelace", "read-only", "true"), source.values(KEYS));
        try (Secret secret = source.secret(PASSPHRASE)) {
            assertEquals("correct horse", new String(secret.chars()));
        }
        assertFalse(source.helpRequested());
    }

    @Test
    void secretFromTheEnvironment() throws Exception {
        ArgumentKeySource source = new ArgumentKeySource(new String[0], Map.of("UNIKERNEL_PASSPHRASE", "env-secret"));
        source.values(KEYS);
        try (Secret secret = source.secret(PASSPHRASE)) {
            assertEquals("env-secret", new String(secret.chars()));
        }
    }

    @Test
    void aSecretFileOthersMayReadOrWriteIsRefusedWithTheFix(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("pass"), "correct horse");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ArgumentKeySource source = new ArgumentKeySource(new String[] {"--passphrase-file=" + file}, Map.of());
        source.values(KEYS);
        KeyException open = assertThrows(KeyException.class, () -> source.secret(PASSPHRASE));
        assertEquals(List.of("permissions 0644 for passphrase file " + file + " are too open: it must not be accessible"
                + " by group or others (chmod 600 " + file + ")"), open.problems());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w--w-"));
        KeyException writable = assertThrows(KeyException.class, () -> source.secret(PASSPHRASE));
        assertTrue(writable.getMessage().contains("is writable by group or others (mode 0622): chmod go-w " + file),
                writable.getMessage());
    }

    @Test
    void aSecretFileWinsOverTheEnvironmentAndTheEnvironmentIsWarnedOf(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("pass"), "from the file");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ArgumentKeySource both = new ArgumentKeySource(new String[] {"--passphrase-file=" + file},
                Map.of("UNIKERNEL_PASSPHRASE", "from the environment"));
        both.values(KEYS);
        try (Secret secret = both.secret(PASSPHRASE)) {
            assertEquals("from the file", new String(secret.chars()));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ApplicationRunner runner = new ApplicationRunner("app", KEYS,
                new ArgumentKeySource(new String[0], Map.of("UNIKERNEL_PASSPHRASE", "hunter2")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, runner.run(boot -> () -> 0));
        assertEquals("app: warning: secret passphrase comes from the environment variable UNIKERNEL_PASSPHRASE, which"
                + " other processes may read: give it as a file (--passphrase-file=PATH)\n",
                err.toString(StandardCharsets.UTF_8), "one line, naming the variable and not its value");
    }

    @Test
    void aSecretValueOnTheCommandLineIsRefusedWithoutEchoingIt() {
        ArgumentKeySource source = new ArgumentKeySource(new String[] {"--passphrase=hunter2"}, Map.of());
        KeyException e = assertThrows(KeyException.class, () -> source.values(KEYS));
        assertTrue(e.getMessage().contains("--passphrase-file=PATH"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void unknownRepeatedAndBareArgumentsAreAllReported() {
        ArgumentKeySource source = new ArgumentKeySource(new String[] {"--nmae=x", "--name=a", "--name=b", "oops"}, Map.of());
        KeyException e = assertThrows(KeyException.class, () -> source.values(KEYS));
        assertEquals(List.of("unknown key --nmae", "key --name is given twice",
                "unexpected argument 'oops': keys are given as --name=value"), e.problems());
    }

    @Test
    void aMissingSecretFileIsNamed(@TempDir Path temp) throws Exception {
        ArgumentKeySource source = new ArgumentKeySource(new String[] {"--passphrase-file=" + temp.resolve("none")}, Map.of());
        source.values(KEYS);
        KeyException e = assertThrows(KeyException.class, () -> source.secret(PASSPHRASE));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        assertNull(new ArgumentKeySource(new String[0], Map.of()).secret(PASSPHRASE));
    }
}

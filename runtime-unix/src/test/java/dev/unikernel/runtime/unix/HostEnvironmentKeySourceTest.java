package dev.unikernel.runtime.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.Secret;
import dev.unikernel.api.boot.ApplicationRunner;
import dev.unikernel.api.boot.KeyException;
import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
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

class HostEnvironmentKeySourceTest {

    private static final KeySpec PASSPHRASE = KeySpec.required("passphrase", KeyType.SECRET, "LUKS passphrase");
    private static final List<KeySpec> KEYS = List.of(
            KeySpec.withDefault("name", KeyType.STRING, "world", "who"),
            KeySpec.optional("create-size", KeyType.SIZE, "size"),
            PASSPHRASE);

    @Test
    void valuesComeFromTheEnvironmentAndOtherVariablesAreLeftAlone() throws Exception {
        HostEnvironmentKeySource source = new HostEnvironmentKeySource(Map.of("UNIKERNEL_NAME", "Ada",
                "UNIKERNEL_CREATE_SIZE", "64M", "UNIKERNEL_ACCEL", "tcg", "UNIKERNEL_PASSPHRASE", "not a value"));
        assertEquals(Map.of("name", "Ada", "create-size", "64M"), source.values(KEYS), "a secret is never a plain value");
        assertFalse(source.helpRequested(), "--help is the application's word");
        assertEquals("UNIKERNEL_CREATE_SIZE=SIZE", source.spelling(KEYS.get(1)));
        assertEquals("UNIKERNEL_PASSPHRASE_FILE=PATH", source.spelling(PASSPHRASE));
    }

    @Test
    void secretFromAFileOrTheVariable(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("pass");
        Files.writeString(file, "correct horse");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (Secret secret = new HostEnvironmentKeySource(Map.of("UNIKERNEL_PASSPHRASE_FILE", file.toString(),
                "UNIKERNEL_PASSPHRASE", "loses")).secret(PASSPHRASE)) {
            assertEquals("correct horse", new String(secret.chars()));
        }
        try (Secret secret = new HostEnvironmentKeySource(Map.of("UNIKERNEL_PASSPHRASE", "battery")).secret(PASSPHRASE)) {
            assertEquals("battery", new String(secret.chars()));
        }
        assertNull(new HostEnvironmentKeySource(Map.of()).secret(PASSPHRASE));
        KeyException missing = assertThrows(KeyException.class, () -> new HostEnvironmentKeySource(
                Map.of("UNIKERNEL_PASSPHRASE_FILE", temp.resolve("absent").toString())).secret(PASSPHRASE));
        assertEquals(List.of("UNIKERNEL_PASSPHRASE_FILE: no such file " + temp.resolve("absent")), missing.problems());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        KeyException open = assertThrows(KeyException.class, () -> new HostEnvironmentKeySource(
                Map.of("UNIKERNEL_PASSPHRASE_FILE", file.toString())).secret(PASSPHRASE));
        assertTrue(open.getMessage().startsWith("permissions 0640 for passphrase file " + file + " are too open"),
                open.getMessage());
    }

    @Test
    void keyProblemsNameTheVariablesNotHelp() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ApplicationRunner runner = new ApplicationRunner("cli", KEYS,
                new HostEnvironmentKeySource(Map.of("UNIKERNEL_CREATE_SIZE", "lots")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ApplicationRunner.EXIT_USAGE, runner.run(boot -> () -> 0));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("cli: key UNIKERNEL_CREATE_SIZE=SIZE: "), text);
        assertTrue(text.contains("cli: missing required key UNIKERNEL_PASSPHRASE_FILE=PATH: LUKS passphrase"), text);
        assertTrue(text.contains("cli: every argument is the application's, so keys are environment variables UNIKERNEL_<KEY>"),
                text);
        assertFalse(text.contains("--help"), text);
    }
}

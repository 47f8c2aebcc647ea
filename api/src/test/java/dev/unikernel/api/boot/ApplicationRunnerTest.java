package dev.unikernel.api.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.ByteSize;
import dev.unikernel.api.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplicationRunnerTest {

    private static final List<KeySpec> KEYS = List.of(
            KeySpec.withDefault("port", KeyType.INT, "2222", "TCP port"),
            KeySpec.optional("create-size", KeyType.SIZE, "new disk size"),
            KeySpec.required("passphrase", KeyType.SECRET, "LUKS passphrase"));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ApplicationRunner runner(Map<String, String> given, Map<String, String> secrets, boolean help) {
        return new ApplicationRunner("app", KEYS, new MapKeySource(given, secrets, help),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void typedValuesReachTheApplicationAndDevicesCloseLastFirst() {
        List<String> events = new ArrayList<>();
        int code = runner(Map.of("port", "22", "create-size", "64M"), Map.of("passphrase", "s3cret"), false).run(boot -> {
            boot.open(() -> events.add("close first-opened"));
            boot.open(() -> events.add("close second-opened"));
            KeyValues keys = boot.keys();
            assertEquals(22, keys.integer("port"));
            assertEquals(Optional.of(new ByteSize(64L << 20)), keys.optional("create-size", ByteSize.class));
            Secret secret = keys.secret("passphrase");
            assertEquals("s3cret", new String(secret.chars()));
            return () -> 7;
        });
        assertEquals(7, code);
        assertEquals(List.of("close second-opened", "close first-opened"), events);
    }

    @Test
    void everyKeyProblemIsReportedAtOnceWithUsageExitCode() {
        int code = runner(Map.of("port", "http"), Map.of(), false).run(boot -> {
            throw new AssertionError("must not boot");
        });
        assertEquals(ApplicationRunner.EXIT_USAGE, code);
        String messages = err.toString(StandardCharsets.UTF_8);
        assertTrue(messages.contains("key --port: not a whole number"), messages);
        assertTrue(messages.contains("missing required key --passphrase"), messages);
    }

    @Test
    void aFailingDeviceIsOneLineAndExitCodeOne() {
        int code = runner(Map.of(), Map.of("passphrase", "x"), false).run(boot -> {
            throw new IOException("disk.img: disk image does not exist");
        });
        assertEquals(ApplicationRunner.EXIT_FAILURE, code);
        assertEquals("app: disk.img: disk image does not exist\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryKeyWithDocAndDefault() {
        int code = runner(Map.of(), Map.of(), true).run(boot -> {
            throw new AssertionError("must not boot");
        });
        assertEquals(0, code);
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("--port  ") && help.contains("TCP port (default: 2222)"), help);
        assertTrue(help.contains("LUKS passphrase (required)"), help);
        assertFalse(help.contains("s3cret"));
    }
}

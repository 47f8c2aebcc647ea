package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** examples/hello built with the plugin exactly as the README says, then run without Maven. */
class HelloExampleTest {

    private static final Path HELLO = Examples.HELLO;

    @Test
    void buildsRunsGreetsAndDescribes() throws Exception {
        Command.maven(HELLO, "-q", "unikernel:clean", "unikernel:build", "-Dtarget=unix")
                .runOk(Duration.ofMinutes(5));
        Path launcher = HELLO.resolve("target/unikernel/unix/bin/hello");
        assertTrue(Files.isExecutable(launcher), "no launcher at " + launcher);

        Command.Result greeting = Command.of(HELLO, launcher.toString(), "--name=Ada").run(Duration.ofMinutes(1));
        assertEquals(0, greeting.exitCode(), greeting.output());
        assertTrue(greeting.output().matches("(?s)Hello, Ada! It is \\d{4}-.*Z; your lucky number is [0-9a-f]{16}\\.\\n"),
                greeting.output());

        String help = Command.of(HELLO, launcher.toString(), "--help").runOk(Duration.ofMinutes(1));
        assertTrue(help.contains("--name=TEXT") && help.contains("who to greet (default: world)"), help);

        Command.Result wrong = Command.of(HELLO, launcher.toString(), "--nmae=Ada").run(Duration.ofMinutes(1));
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.output().contains("unknown key --nmae"), wrong.output());

        Command.maven(HELLO, "-q", "unikernel:describe", "-Dtarget=unix").runOk(Duration.ofMinutes(5));
        String dot = Files.readString(HELLO.resolve("target/unikernel/unix/graph.dot"));
        assertTrue(dot.contains("clock: Clock\\nsystem") && dot.contains("key_name -> app"), dot);
    }

    @Test
    void anUnknownTargetListsTheValidOnes() throws Exception {
        Command.Result result = Command.maven(HELLO, "unikernel:build", "-Dtarget=bogus").run(Duration.ofMinutes(5));
        assertEquals(1, result.exitCode());
        assertTrue(result.output().contains("unknown target 'bogus': choose one of unix, vm, oci"), result.output());
    }
}

package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * examples/hello's AOT cache (its pom configures {@code <aotTraining>}): made by the build, used by
 * the launcher (the application's class comes from the cache, not from its jar), and a cache that is
 * off, stale, damaged or missing neither stops the program nor adds a word to its output.
 */
class UnixAotCacheTest {

    private static final Path HELLO = Examples.HELLO;
    private static final Path HOME = HELLO.resolve("target/unikernel/unix");
    private static final Path LAUNCHER = HOME.resolve("bin/hello");
    private static final Path CACHE = HOME.resolve("aot/hello.aot");
    private static final String GREETING = "(?s)Hello, Ada! It is \\d{4}-.*Z; your lucky number is [0-9a-f]{16}\\.\\n";
    private static final String FROM_CACHE = "dev.unikernel.examples.hello.Hello source: shared objects file";
    private static final String FROM_JAR = "dev.unikernel.examples.hello.Hello source: file:";

    private static Command.Result hello(Map<String, String> environment) throws Exception {
        return new Command(java.util.List.of(LAUNCHER.toString(), "--name=Ada"), HELLO, environment)
                .run(Duration.ofMinutes(1));
    }

    /** Where the JVM loaded the application's class from, and the program's own output. */
    private static Command.Result helloLoggingClassLoads(Map<String, String> environment) throws Exception {
        Map<String, String> withLog = new java.util.HashMap<>(environment);
        withLog.put("JAVA_OPTS", "-Xlog:class+load=info");
        return hello(withLog);
    }

    @Test
    void theBuildMakesTheCacheTheLauncherUsesItAndAnUnusableOneIsSkippedQuietly() throws Exception {
        String build = Command.maven(HELLO, "unikernel:clean",
                "unikernel:build", "-Dtarget=unix").runOk(Duration.ofMinutes(5));
        assertTrue(build.contains("Training run for the AOT cache: hello --name=training"), build);
        assertTrue(build.contains("Made the AOT cache in "), build);
        assertTrue(Files.size(CACHE) > 1 << 20, "cache " + CACHE);

        Command.Result used = helloLoggingClassLoads(Map.of());
        assertEquals(0, used.exitCode(), used.output());
        assertTrue(used.output().contains(FROM_CACHE), used.output());
        Command.Result plain = hello(Map.of());
        assertTrue(plain.output().matches(GREETING), plain.output());

        Command.Result off = helloLoggingClassLoads(Map.of("UNIKERNEL_AOT", "off"));
        assertTrue(off.output().contains(FROM_JAR) && !off.output().contains(FROM_CACHE), off.output());

        // Stale: the JVM now runs with options the cache was not made for (here uncompressed object
        // pointers, as a changed <javaOption> without a rebuild would). The JVM refuses it, without a word.
        Command.Result stale = hello(Map.of("JAVA_OPTS", "-XX:-UseCompressedOops"));
        assertEquals(0, stale.exitCode(), stale.output());
        assertTrue(stale.output().matches(GREETING), "a stale cache must be skipped without a word: " + stale.output());
        Command.Result staleLoads = hello(Map.of("JAVA_OPTS", "-XX:-UseCompressedOops -Xlog:class+load=info"));
        assertTrue(staleLoads.output().contains(FROM_JAR) && !staleLoads.output().contains(FROM_CACHE),
                staleLoads.output());

        Files.write(CACHE, new byte[4096]);
        Command.Result damaged = hello(Map.of());
        assertEquals(0, damaged.exitCode(), damaged.output());
        assertTrue(damaged.output().matches(GREETING), "a damaged cache must be skipped without a word: " + damaged.output());

        Files.delete(CACHE);
        Command.Result missing = hello(Map.of());
        assertEquals(0, missing.exitCode(), missing.output());
        assertTrue(missing.output().matches(GREETING), missing.output());

        // The next build notices the cache is gone and trains again.
        String rebuild = Command.maven(HELLO, "unikernel:build",
                "-Dtarget=unix").runOk(Duration.ofMinutes(5));
        assertFalse(rebuild.contains("AOT cache is up to date"), rebuild);
        assertTrue(Files.isRegularFile(CACHE));
    }
}

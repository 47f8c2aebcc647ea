package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT cache step against a stand-in {@code runtime/bin/java}: a script that records its
 * arguments and, like the JVM, writes the file named by {@code -XX:AOTCacheOutput} when it ends well.
 */
class AotCacheTest {

    private static final List<String> CLASS_PATH = List.of("lib/unikernel-main.jar", "lib/app.jar");

    /** What the JVM does at exit with -XX:AOTCacheOutput=FILE, whatever the program's exit code. */
    private static final String WRITE_CACHE = """
            for a in "$@"; do case "$a" in -XX:AOTCacheOutput=*) out="${a#-XX:AOTCacheOutput=}";; esac; done
            printf cache > "$out"
            """;

    @TempDir
    Path home;
    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void fakeProgram() throws Exception {
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/unikernel-main.jar"), "main");
        Files.writeString(home.resolve("lib/app.jar"), "app");
        Files.createDirectories(home.resolve("runtime/bin"));
        Files.createDirectories(home.resolve("runtime/lib"));
        Files.writeString(home.resolve("runtime/lib/modules"), "modules");
        Files.writeString(home.resolve("runtime/.unikernel-modules"), "java.base\n");
        fakeJava("echo \"run $PWD $*\" >> '" + home + "/runs'\necho 'training output line'\n" + WRITE_CACHE);
    }

    private void fakeJava(String body) throws Exception {
        Path java = home.resolve("runtime/bin/java");
        Files.writeString(java, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private BuildOptions options(boolean jlink, AotTraining training) {
        return new BuildOptions(jlink, List.of(), List.of("-Xmx64m"), VmOptions.defaults(), OciOptions.defaults(),
                training);
    }

    private AotTraining training(String... arguments) {
        return new AotTraining(true, List.of(arguments), Duration.ofMillis(1500), project);
    }

    private List<String> runs() throws Exception {
        Path runs = home.resolve("runs");
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    @Test
    void trainsWithTheLaunchersClassPathOptionsAndTheTrainingArgumentsInTheProjectDirectory() throws Exception {
        AotCache.update("app", CLASS_PATH, home, options(true, training("--disk=d.img", "--port=2")), log);

        Path real = home.toRealPath();
        assertEquals(List.of("run " + project.toRealPath() + " -XX:AOTCacheOutput=" + real.resolve("aot/app.aot")
                + " -Dunikernel.training.stopAfterMillis=1500 -Xmx64m -cp " + real.resolve("lib/unikernel-main.jar")
                + ":" + real.resolve("lib/app.jar") + " unikernel.Main --disk=d.img --port=2"), runs());
        assertEquals("cache", Files.readString(home.resolve("aot/app.aot")));
        assertTrue(log.lines.contains("INFO Training run for the AOT cache: app --disk=d.img --port=2 (asked to stop after 1500 ms)"),
                log.lines.toString());
        assertTrue(log.lines.stream().anyMatch(line -> line.startsWith("INFO Made the AOT cache in ")), log.lines.toString());
    }

    @Test
    void keepsAnUpToDateCacheAndTrainsAgainWhenAJarOrTheTrainingChanges() throws Exception {
        AotCache.update("app", CLASS_PATH, home, options(true, training("--a")), log);
        AotCache.update("app", CLASS_PATH, home, options(true, training("--a")), log);
        assertEquals(1, runs().size());
        assertTrue(log.lines.contains("INFO AOT cache is up to date"), log.lines.toString());

        Files.setLastModifiedTime(home.resolve("lib/app.jar"), FileTime.fromMillis(1_000_000));
        AotCache.update("app", CLASS_PATH, home, options(true, training("--a")), log);
        assertEquals(2, runs().size());

        AotCache.update("app", CLASS_PATH, home, options(true, training("--b")), log);
        assertEquals(3, runs().size());
    }

    @Test
    void aFreePortIsChosenForEachRunWithoutMakingTheCacheOutOfDate() throws Exception {
        AotCache.update("app", CLASS_PATH, home, options(true, training("--port={free-port}")), log);
        AotCache.update("app", CLASS_PATH, home, options(true, training("--port={free-port}")), log);
        assertEquals(1, runs().size());
        String port = runs().get(0).replaceAll(".*--port=", "");
        assertTrue(port.matches("[0-9]+") && Integer.parseInt(port) > 0, runs().toString());
    }

    @Test
    void theBuildConnectsToTheTrainingRunsPortAFewTimesReadingWhatItSays() throws Exception {
        fakeJava("sleep 2\n" + WRITE_CACHE);
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
            Thread answering = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        try (java.net.Socket client = server.accept()) {
                            client.getOutputStream().write("SSH-2.0-test\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            answered.incrementAndGet();
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            AotTraining training = new AotTraining(true, List.of("--port=" + server.getLocalPort()), Duration.ofMillis(1500),
                    project, Integer.toString(server.getLocalPort()), false);
            AotCache.update("app", CLASS_PATH, home, options(true, training), log);
            server.close();
            answering.join();
            assertEquals(TrainingConnections.COUNT, answered.get());
        }
        assertEquals("cache", Files.readString(home.resolve("aot/app.aot")));
    }

    @Test
    void aConnectToThatIsNoPortIsRefusedWithTheElementsName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new AotTraining(true, List.of(), Duration.ofSeconds(1), project, "localhost:22", false));
        assertTrue(refused.getMessage().contains("<aotTraining><connectTo> 'localhost:22' is no port"), refused.getMessage());
    }

    @Test
    void noTrainingOrNoJlinkRemovesAnEarlierCache() throws Exception {
        AotCache.update("app", CLASS_PATH, home, options(true, training()), log);
        assertTrue(Files.exists(home.resolve("aot/app.aot")));
        AotCache.update("app", CLASS_PATH, home, options(true, AotTraining.none()), log);
        assertFalse(Files.exists(home.resolve("aot")));

        AotCache.update("app", CLASS_PATH, home, options(false, training()), log);
        assertFalse(Files.exists(home.resolve("aot")));
        assertTrue(log.lines.contains("WARN no AOT cache: it is made with the jlink'ed runtime, and <jlink> is false"),
                log.lines.toString());
    }

    @Test
    void aFailingTrainingRunFailsTheBuildWithTheEndOfItsOutput() throws Exception {
        fakeJava(WRITE_CACHE + "echo 'app: disk d.img does not exist'\n"
                + "echo '[3.011s][warning][aot] Skipping org/bouncycastle/Foo: Signed JAR'\n"
                + "echo 'AOTCache creation is complete: app.aot 20885504 bytes'\nexit 1\n");
        UnikernelException e = assertThrows(UnikernelException.class,
                () -> AotCache.update("app", CLASS_PATH, home, options(true, training("--disk=d.img")), log));
        assertTrue(e.getMessage().startsWith("the AOT training run ended with exit code 1: check the program's arguments"
                + " in <aotTraining><arguments>"), e.getMessage());
        assertTrue(e.getMessage().endsWith("app: disk d.img does not exist"), e.getMessage());
        assertFalse(Files.exists(home.resolve("aot/app.aot")));
    }

    @Test
    void aRunThatWritesNoCacheFailsTheBuild() throws Exception {
        fakeJava("exit 0\n");
        UnikernelException e = assertThrows(UnikernelException.class,
                () -> AotCache.update("app", CLASS_PATH, home, options(true, training()), log));
        assertTrue(e.getMessage().startsWith("the AOT training run ended, but the JVM wrote no AOT cache"), e.getMessage());
    }

    /**
     * A stand-in java that is the program when asked to record a cache (running until SIGTERM, which
     * makes it write the cache as the JVM does at a clean exit) and the workload otherwise.
     */
    private void fakeJavaWithWorkload(String workloadBody) throws Exception {
        fakeJava("case \"$*\" in\n"
                + "*-XX:AOTCacheOutput=*)\n"
                + "  echo \"program $*\" >> '" + home + "/runs'\n"
                + "  echo $$ > '" + home + "/program.pid'\n"
                + "  for a in \"$@\"; do case \"$a\" in -XX:AOTCacheOutput=*) out=\"${a#-XX:AOTCacheOutput=}\";; esac; done\n"
                + "  trap 'echo stopped >> \"" + home + "/runs\"; printf cache > \"$out\"; exit 0' TERM\n"
                + "  while :; do sleep 0.05; done ;;\n"
                + "*)\n"
                + "  echo \"workload $PWD $*\" >> '" + home + "/runs'\n"
                + workloadBody + "\n"
                + "  ;;\n"
                + "esac\n");
    }

    private AotTraining trainingWithWorkload(Duration timeout, String... workloadArguments) {
        return new AotTraining(true, List.of("--port={free-port}"), Duration.ofMillis(1500), project, "", false,
                new TrainingWorkload("com.example.Load", List.of(workloadArguments), timeout));
    }

    /** A program killed before its script wrote the pid file (a loaded machine) is not alive either. */
    private static boolean alive(Path pidFile) throws Exception {
        if (!Files.exists(pidFile)) {
            return false;
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void theWorkloadRunsInItsOwnJvmWithTheTrainingRunsPortAndItsEndStopsTheProgram() throws Exception {
        fakeJavaWithWorkload("  echo 'put 16 MiB: done'\n  sleep 2");
        AotCache.update("app", CLASS_PATH, home,
                options(true, trainingWithWorkload(Duration.ofSeconds(10), "--to=127.0.0.1:{free-port}")), log);

        List<String> runs = runs();
        assertEquals(3, runs.size(), runs.toString());
        String port = runs.get(0).replaceAll(".*--port=", "");
        assertTrue(port.matches("[0-9]+"), runs.toString());
        // The program's own timer is only a net behind the workload's limit (1.5 s + 10 s + 60 s).
        assertTrue(runs.get(0).contains(" -Dunikernel.training.stopAfterMillis=71500 "), runs.get(0));
        Path real = home.toRealPath();
        assertEquals("workload " + project.toRealPath() + " -cp " + real.resolve("lib/unikernel-main.jar") + ":"
                + real.resolve("lib/app.jar") + " com.example.Load --to=127.0.0.1:" + port, runs.get(1));
        assertEquals("stopped", runs.get(2));
        assertTrue(log.lines.contains("INFO " + WorkloadRun.PREFIX + "put 16 MiB: done"), log.lines.toString());
        assertTrue(log.lines.contains("INFO Training run for the AOT cache: app --port={free-port}"
                + " (asked to stop when the workload ends)"), log.lines.toString());
        assertEquals("cache", Files.readString(home.resolve("aot/app.aot")));
        assertEquals("put 16 MiB: done\n", Files.readString(home.resolve("aot/" + WorkloadRun.LOG)));
    }

    @Test
    void aWorkloadThatFailsFailsTheBuildNamingItsClassExitCodeAndLastLines() throws Exception {
        fakeJavaWithWorkload("  echo 'connecting to 127.0.0.1'\n  echo 'permission denied (publickey)'\n  exit 3");
        UnikernelException e = assertThrows(UnikernelException.class, () -> AotCache.update("app", CLASS_PATH, home,
                options(true, trainingWithWorkload(Duration.ofSeconds(10))), log));
        assertTrue(e.getMessage().startsWith("the AOT training workload com.example.Load ended with exit code 3: fix what"
                + " its output says, or its <aotTraining><workload> configuration; or build without the cache with"
                + " -Dunikernel.aot=false."), e.getMessage());
        assertTrue(e.getMessage().endsWith("ends with:\nconnecting to 127.0.0.1\npermission denied (publickey)"),
                e.getMessage());
        // The program was killed, not asked to stop: no cache is left for the launcher.
        assertFalse(runs().contains("stopped"), runs().toString());
        assertFalse(alive(home.resolve("program.pid")));
        assertFalse(Files.exists(home.resolve("aot/app.aot")));
    }

    @Test
    void aWorkloadThatOutlivesItsTimeoutIsKilledAndFailsTheBuild() throws Exception {
        fakeJavaWithWorkload("  echo $$ > '" + home + "/workload.pid'\n  echo 'waiting for the server'\n  exec sleep 60");
        long start = System.nanoTime();
        UnikernelException e = assertThrows(UnikernelException.class, () -> AotCache.update("app", CLASS_PATH, home,
                options(true, trainingWithWorkload(Duration.ofSeconds(1))), log));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos());
        assertTrue(e.getMessage().startsWith("the AOT training workload com.example.Load did not end within 1 s and was"
                + " killed: make it finish sooner or give it longer with <aotTraining><workload><timeout>"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("ends with:\nwaiting for the server"), e.getMessage());
        assertFalse(alive(home.resolve("workload.pid")));
        assertFalse(alive(home.resolve("program.pid")));
        assertFalse(Files.exists(home.resolve("aot/app.aot")));
    }

    @Test
    void aWorkloadThatFailsBecauseTheProgramEndedSaysSo() throws Exception {
        fakeJava("case \"$*\" in *-XX:AOTCacheOutput=*) echo 'no disk'; exit 2 ;; *) sleep 0.5; exit 1 ;; esac\n");
        UnikernelException e = assertThrows(UnikernelException.class, () -> AotCache.update("app", CLASS_PATH, home,
                options(true, trainingWithWorkload(Duration.ofSeconds(10))), log));
        assertTrue(e.getMessage().contains("ended with exit code 1: fix what its output says, or its"
                + " <aotTraining><workload> configuration (the training run had ended first, with exit code 2; see"
                + " training.log)"), e.getMessage());
    }

    @Test
    void theCacheIsMadeAgainWhenTheWorkloadChanges() throws Exception {
        fakeJavaWithWorkload("  true");
        AotCache.update("app", CLASS_PATH, home, options(true, trainingWithWorkload(Duration.ofSeconds(10), "--a")), log);
        AotCache.update("app", CLASS_PATH, home, options(true, trainingWithWorkload(Duration.ofSeconds(10), "--a")), log);
        assertEquals(1, runs().stream().filter(line -> line.startsWith("program ")).count());

        AotCache.update("app", CLASS_PATH, home, options(true, trainingWithWorkload(Duration.ofSeconds(10), "--b")), log);
        assertEquals(2, runs().stream().filter(line -> line.startsWith("program ")).count());

        AotCache.update("app", CLASS_PATH, home, options(true, new AotTraining(true, List.of("--port={free-port}"),
                Duration.ofMillis(1500), project, "", false,
                new TrainingWorkload("com.example.Other", List.of("--b"), Duration.ofSeconds(10)))), log);
        assertEquals(3, runs().stream().filter(line -> line.startsWith("program ")).count());
    }

    @Test
    void aWorkloadNeedsAClassNameAndAPositiveTimeout() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingWorkload("Load --fast", List.of(), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().startsWith("<aotTraining><workload><mainClass> 'Load --fast' is no class name"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingWorkload("a.Load", List.of(), Duration.ZERO));
        assertEquals(TrainingWorkload.DEFAULT_TIMEOUT, AotTraining.parseWorkloadTimeout(" "));
        assertEquals(Duration.ofSeconds(30), AotTraining.parseWorkloadTimeout("30s"));
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class,
                () -> AotTraining.parseWorkloadTimeout("soon"));
        assertTrue(time.getMessage().startsWith("<aotTraining><workload><timeout> 'soon'"), time.getMessage());
    }

    @Test
    void stopAfterTakesSecondsOrMilliseconds() {
        assertEquals(Duration.ofSeconds(5), AotTraining.parseStopAfter("5s"));
        assertEquals(Duration.ofSeconds(5), AotTraining.parseStopAfter("5"));
        assertEquals(Duration.ofMillis(1500), AotTraining.parseStopAfter("1.5s"));
        assertEquals(Duration.ofMillis(500), AotTraining.parseStopAfter("500ms"));
        assertEquals(AotTraining.DEFAULT_STOP_AFTER, AotTraining.parseStopAfter(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AotTraining.parseStopAfter("five"));
        assertTrue(e.getMessage().contains("<aotTraining><stopAfter> 'five'"), e.getMessage());
    }
}

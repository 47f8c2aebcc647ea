package dev.unikernel.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The unix target's Java AOT cache (JEP 483/514/515): a training run of the program on the jlink'ed
 * runtime with {@code -XX:AOTCacheOutput} writes {@code aot/<name>.aot}, holding the classes it
 * loaded and linked and their profiles; the launcher passes it with {@code -XX:AOTCache}. The JVM
 * refuses a cache made with another runtime or class path (names and order of the jars), and the
 * program starts without it; but it does not look at the jars' contents (JDK 25), so the cache is
 * made again whenever a jar (its size and time: unchanged jars keep their copy's time), the runtime,
 * the JVM options or the training change, and kept otherwise (training takes seconds). A workload
 * ({@link TrainingWorkload}) runs against the program meanwhile, in its own JVM, and its end is when
 * the program is asked to stop.
 */
final class AotCache {

    static final String DIRECTORY = "aot";
    private static final String STAMP = ".unikernel-training";
    private static final String TRAINING_LOG = "training.log";
    /** runtime-unix's TrainingRun reads it: milliseconds until the program is asked to stop. */
    static final String STOP_AFTER_PROPERTY = "unikernel.training.stopAfterMillis";
    /** How long a program asked to stop may take to end and write the cache before the build gives up. */
    private static final long EXIT_GRACE_SECONDS = 300;

    private AotCache() {
    }

    /** {@code aot/<name>.aot} under the unix target's directory: where the launcher looks for it. */
    static Path file(Path outputDirectory, String name) {
        return outputDirectory.resolve(DIRECTORY).resolve(name + ".aot");
    }

    /** Makes the cache, keeps an up-to-date one, or removes it when no training is configured. */
    static void update(String name, List<String> classPath, Path outputDirectory, BuildOptions options, BuildLog log)
            throws UnikernelException, IOException {
        Path directory = outputDirectory.resolve(DIRECTORY);
        AotTraining training = options.aotTraining();
        if (!training.enabled()) {
            FileUpdates.deleteTree(directory);
            return;
        }
        if (!options.jlink()) {
            FileUpdates.deleteTree(directory);
            log.warn("no AOT cache: it is made with the jlink'ed runtime, and <jlink> is false");
            return;
        }
        Path home = outputDirectory.toRealPath();
        Path cache = file(home, name);
        List<String> command = trainingCommand(home, name, classPath, options);
        String stamp = stamp(command, home, classPath, training);
        Path stampFile = home.resolve(DIRECTORY).resolve(STAMP);
        if (Files.isRegularFile(cache) && Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
            log.info("AOT cache is up to date");
            return;
        }
        FileUpdates.deleteTree(directory);
        Files.createDirectories(directory);
        log.info("Training run for the AOT cache: " + name + " " + String.join(" ", training.arguments())
                + (training.workload().present() ? " (asked to stop when the workload ends)"
                        : " (asked to stop after " + training.stopAfter().toMillis() + " ms)"));
        long start = System.nanoTime();
        try {
            run(command, training, home, classPath, cache, log);
        } catch (UnikernelException e) {
            // The JVM writes the cache at exit even after a failed run: never leave one for the launcher.
            Files.deleteIfExists(cache);
            throw e;
        }
        Files.writeString(stampFile, stamp);
        log.info(String.format("Made the AOT cache in %.1f s: %s, %s", (System.nanoTime() - start) / 1e9,
                home.relativize(cache), Sizes.human(Files.size(cache))));
    }

    /**
     * The training run: the launcher's java, options and class path (absolute, as the launcher makes
     * them), plus the cache to write and runtime-unix's stop timer.
     */
    static List<String> trainingCommand(Path home, String name, List<String> classPath, BuildOptions options) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("runtime/bin/java").toString());
        command.add("-XX:AOTCacheOutput=" + file(home, name));
        command.add("-D" + STOP_AFTER_PROPERTY + "=" + options.aotTraining().programStopAfter().toMillis());
        command.addAll(options.javaOptions("unix"));
        command.add("-cp");
        command.add(String.join(":", classPath.stream().map(jar -> home.resolve(jar).toString()).toList()));
        command.add(Plan.MAIN_CLASS);
        command.addAll(options.aotTraining().arguments());
        return command;
    }

    /** What the cache depends on: the command, and the runtime's and jars' sizes and times (which the JVM checks). */
    private static String stamp(List<String> command, Path home, List<String> classPath, AotTraining training)
            throws IOException {
        StringBuilder stamp = new StringBuilder(String.join("\n", command)).append("\n");
        stamp.append("connect to ").append(training.connectTo()).append('\n');
        // The workload's class is in a jar below; its name and arguments are here (its timeout is in the command).
        TrainingWorkload workload = training.workload();
        if (workload.present()) {
            stamp.append("workload ").append(workload.mainClass()).append('\n');
            workload.arguments().forEach(argument -> stamp.append("workload argument ").append(argument).append('\n'));
        }
        List<String> files = new ArrayList<>(classPath);
        files.add("runtime/lib/modules");
        files.add("runtime/.unikernel-modules");
        for (String file : files) {
            Path path = home.resolve(file);
            stamp.append(file).append(' ').append(Files.size(path)).append(' ')
                    .append(Files.getLastModifiedTime(path).toMillis()).append('\n');
        }
        return stamp.toString();
    }

    private static void run(List<String> command, AotTraining training, Path home, List<String> classPath, Path cache,
            BuildLog buildLog) throws UnikernelException, IOException {
        Path log = home.resolve(DIRECTORY).resolve(TRAINING_LOG);
        TrainingWorkload workload = training.workload();
        // One free port for the program's arguments, the connections to it and the workload's arguments.
        boolean wantsPort = command.stream().anyMatch(word -> word.contains(FreePort.PLACEHOLDER))
                || training.connectTo().equals(FreePort.PLACEHOLDER)
                || workload.arguments().stream().anyMatch(word -> word.contains(FreePort.PLACEHOLDER));
        int freePort = wantsPort ? FreePort.find() : 0;
        long start = System.nanoTime();
        List<String> program = TrainingSecrets.privateCopies(FreePort.substitute(command, freePort),
                home.resolve(DIRECTORY).resolve("training-secrets"));
        Process process = new ProcessBuilder(program)
                .directory(training.workingDirectory().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process.getOutputStream().close();
        try {
            if (!training.connectTo().isEmpty()) {
                int port = Integer.parseInt(FreePort.substitute(List.of(training.connectTo()), freePort).getFirst());
                int made = TrainingConnections.make(port, start + training.stopAfter().toNanos(), process);
                if (made == 0) {
                    buildLog.warn("the AOT training run took no connection on port " + port + " (<aotTraining><connectTo>)"
                            + (workload.present() ? " within <stopAfter> of its start" : " before it was asked to stop")
                            + ": the cache holds nothing of answering one");
                }
            }
            if (workload.present()) {
                // Without <connectTo> the build cannot tell when the program listens: the workload starts
                // at once and must retry its first connection itself.
                try {
                    WorkloadRun.run(WorkloadRun.command(home, classPath, workload, freePort), workload,
                            training.workingDirectory(), home.resolve(DIRECTORY).resolve(WorkloadRun.LOG), buildLog,
                            process);
                } catch (UnikernelException | IOException e) {
                    process.destroyForcibly().waitFor();
                    throw e;
                }
                // As SIGTERM asks (the launcher's shutdown hook): Application.stop(), then a normal exit,
                // which is when the JVM writes the cache.
                process.destroy();
            }
            long limit = training.programStopAfter().toSeconds() + EXIT_GRACE_SECONDS;
            if (!process.waitFor(limit, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw failure("did not end within " + limit + " s", log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UnikernelException("interrupted during the AOT training run", e);
        }
        if (process.exitValue() != 0) {
            throw failure("ended with exit code " + process.exitValue(), log);
        }
        if (!Files.isRegularFile(cache)) {
            throw failure("ended, but the JVM wrote no AOT cache", log);
        }
    }

    private static UnikernelException failure(String what, Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> !isJvmAotChatter(line)).toList();
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        return new UnikernelException("the AOT training run " + what + ": check the program's arguments in"
                + " <aotTraining><arguments>, or build without the cache with -Dunikernel.aot=false; its output ("
                + log + ") ends with:\n" + tail);
    }

    /**
     * The JVM's own lines about the cache (skipped classes, the assembly step): dozens of them follow
     * the program's last words, which are what explains a failure.
     */
    private static boolean isJvmAotChatter(String line) {
        return line.matches("\\[[0-9.]+s\\]\\[.*") || line.startsWith("Temporary AOTConfiguration")
                || line.startsWith("Launching child process") || line.startsWith("Picked up JAVA_TOOL_OPTIONS")
                || line.startsWith("Reading AOTConfiguration") || line.startsWith("AOTCache creation is complete")
                || line.startsWith("Removed temporary AOT configuration");
    }
}

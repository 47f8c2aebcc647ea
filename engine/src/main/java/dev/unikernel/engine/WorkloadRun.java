package dev.unikernel.engine;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the {@link TrainingWorkload} against a program in its AOT training run: the jlink'ed
 * runtime's java with the application's class path (and no {@code -XX:AOTCacheOutput}: only the
 * program records), its output copied line by line to the build log (a long step shows progress) and
 * to {@code aot/workload.log}. A workload that fails or outlives its timeout fails the build.
 */
final class WorkloadRun {

    static final String LOG = "workload.log";
    static final String PREFIX = "workload: ";
    private static final int TAIL_LINES = 15;
    /** How long the output may still come after the workload ended (a child of it may hold the pipe). */
    private static final long DRAIN_MILLIS = 5_000;

    private WorkloadRun() {
    }

    /** {@code runtime/bin/java -cp <lib jars> <mainClass> <arguments>}, the placeholder replaced by {@code freePort}. */
    static List<String> command(Path home, List<String> classPath, TrainingWorkload workload, int freePort) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("runtime/bin/java").toString());
        command.add("-cp");
        command.add(String.join(":", classPath.stream().map(jar -> home.resolve(jar).toString()).toList()));
        command.add(workload.mainClass());
        command.addAll(FreePort.substitute(workload.arguments(), freePort));
        return command;
    }

    /**
     * Runs {@code command} in {@code workingDirectory} until it ends or {@code workload.timeout()} passes.
     *
     * @param program the training run, named in a failure when it ended first (the likelier cause)
     */
    static void run(List<String> command, TrainingWorkload workload, Path workingDirectory, Path log,
            BuildLog buildLog, Process program) throws UnikernelException, IOException, InterruptedException {
        buildLog.info("Training workload: " + workload.mainClass() + " " + String.join(" ", workload.arguments())
                + " (at most " + time(workload.timeout()) + ")");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        Deque<String> tail = new ArrayDeque<>();
        Thread copier = Thread.ofPlatform().daemon().name("unikernel-workload-output")
                .start(() -> copyOutput(process, log, buildLog, tail));
        try {
            if (!process.waitFor(workload.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                copier.join(DRAIN_MILLIS);
                throw failure(workload, "did not end within " + time(workload.timeout()) + " and was killed:"
                        + " make it finish sooner or give it longer with <aotTraining><workload><timeout>", program, log,
                        tail);
            }
            copier.join(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        if (process.exitValue() != 0) {
            throw failure(workload, "ended with exit code " + process.exitValue() + ": fix what its output says, or its"
                    + " <aotTraining><workload> configuration", program, log, tail);
        }
        buildLog.info(String.format("Training workload ended in %.1f s", (System.nanoTime() - start) / 1e9));
    }

    private static String time(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
    }

    private static void copyOutput(Process process, Path log, BuildLog buildLog, Deque<String> tail) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.write(line);
                out.newLine();
                out.flush();
                buildLog.info(PREFIX + line);
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the workload's output to " + log, e);
        }
    }

    private static UnikernelException failure(TrainingWorkload workload, String what, Process program, Path log,
            Deque<String> tail) {
        String programEnded = program.isAlive() ? ""
                : " (the training run had ended first, with exit code " + program.exitValue() + "; see training.log)";
        String lines;
        synchronized (tail) {
            lines = String.join("\n", tail);
        }
        return new UnikernelException("the AOT training workload " + workload.mainClass() + " " + what + programEnded
                + "; or build without the cache with -Dunikernel.aot=false. Its output (" + log + ") ends with:\n"
                + lines);
    }
}

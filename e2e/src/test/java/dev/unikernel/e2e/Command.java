package dev.unikernel.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a time limit and keeps its output, for end-to-end tests. */
record Command(List<String> command, Path directory, Map<String, String> environment) {

    /** The repository checkout the tests run in. */
    static final Path ROOT = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

    /** What a finished command left. */
    record Result(int exitCode, String output) {
    }

    static Command of(Path directory, String... command) {
        return new Command(List.of(command), directory, Map.of());
    }

    /** The repository's Maven wrapper in batch mode, run in {@code directory}: {@code mvnw -B arguments}. */
    static Command maven(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B"));
        command.addAll(List.of(arguments));
        return new Command(command, directory, Map.of());
    }

    Command withEnvironment(Map<String, String> extra) {
        return new Command(command, directory, extra);
    }

    /** Runs with stdout and stderr merged; a command still running after {@code limit} is killed and fails. */
    Result run(Duration limit) throws IOException, InterruptedException {
        Path log = Files.createTempFile("e2e-command", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + limit + ": " + command + "\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs and fails the test unless the exit code is 0. */
    String runOk(Duration limit) throws IOException, InterruptedException {
        Result result = run(limit);
        if (result.exitCode() != 0) {
            throw new AssertionError("exit code " + result.exitCode() + ": " + command + "\n" + result.output());
        }
        return result.output();
    }
}

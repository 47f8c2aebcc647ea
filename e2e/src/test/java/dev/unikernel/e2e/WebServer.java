package dev.unikernel.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** examples/web in the background (a launcher, a VM, a container), its output in a file; stopped with SIGTERM. */
final class WebServer implements AutoCloseable {

    /** What examples/web logs once it serves, followed by its address. */
    static final String READY = "web server ready on ";

    private final Process process;
    private final Path log;
    final int port;

    private WebServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the unix {@code launcher} on 127.0.0.1 and a free port; waits for its ready line. */
    static WebServer start(Path launcher, Path work, String... arguments) throws Exception {
        int port = SftpServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "--port=" + port));
        command.addAll(List.of(arguments));
        return launch(command, work, Map.of(), port, READY + "127.0.0.1:" + port, Duration.ofMinutes(1));
    }

    /**
     * Starts {@code command} as it is (it makes the server reachable on 127.0.0.1:{@code port}: a VM's
     * forwarded port, a container's) and waits up to {@code within} for {@code ready} in its output.
     */
    static WebServer launch(List<String> command, Path work, Map<String, String> environment, int port, String ready,
            Duration within) throws Exception {
        Path log = Files.createTempFile(work, "web", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        WebServer server = new WebServer(builder.start(), log, port);
        long deadline = System.nanoTime() + within.toNanos();
        while (!server.output().contains(ready)) {
            if (!server.process.isAlive()) {
                throw new AssertionError("web exited with " + server.process.exitValue() + " before it was ready:\n"
                        + server.output());
            }
            if (System.nanoTime() > deadline) {
                server.close();
                throw new AssertionError("web not ready within " + within + ":\n" + server.output());
            }
            Thread.sleep(50);
        }
        return server;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, then waits for the exit; returns the exit code. */
    int stop() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("web did not stop within 60 s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL, as a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("web still running 30 s after SIGKILL");
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

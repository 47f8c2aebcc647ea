package dev.unikernel.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test (an example's launcher, a VM, a container) running in the background on
 * 127.0.0.1, with its output in a file: started with a time limit for readiness, stopped with SIGTERM.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code command} as it is (which makes the server reachable on 127.0.0.1:{@code port}: a
     * launcher's, a VM's forwarded, a container's) and waits up to {@code readyWithin} for {@code ready}
     * in its output.
     */
    static ServerProcess launch(List<String> command, Path work, Map<String, String> environment, int port, String ready,
            Duration readyWithin) throws Exception {
        Path log = Files.createTempFile(work, "server", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        ServerProcess server = new ServerProcess(process, log, port);
        long deadline = System.nanoTime() + readyWithin.toNanos();
        while (!server.output().contains(ready)) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + " before it was ready:\n"
                        + server.output());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("server not ready within " + readyWithin + ":\n" + server.output());
            }
            Thread.sleep(50);
        }
        return server;
    }

    /** Runs the launcher expecting it to fail at start (on a free port unless one is given); returns exit code and output. */
    static Command.Result startFailing(Path launcher, Path work, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        if (arguments.stream().noneMatch(a -> a.startsWith("--port="))) {
            command.add("--port=" + freePort());
        }
        command.addAll(arguments);
        return new Command(command, work, java.util.Map.of()).run(Duration.ofMinutes(2));
    }

    /** The server's process id (the launcher execs java, so this is the JVM). */
    long pid() {
        return process.pid();
    }

    /** SIGKILL, as a crash: no shutdown hook runs, nothing more is written. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("server still running 30 s after SIGKILL");
        }
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, then waits for the exit; returns the exit code. */
    int stop() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not stop within 60 s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /** Kills it if it still runs, and waits for that, so that no test leaves a server behind. */
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

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

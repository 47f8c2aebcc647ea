package dev.unikernel.runtime.container;

import dev.unikernel.api.boot.ApplicationFactory;
import dev.unikernel.api.boot.ApplicationRunner;
import dev.unikernel.api.boot.KeySpec;
import java.util.List;

/**
 * Entry point of an oci-target program, the image's entrypoint: keys from the environment and
 * arguments, secrets from mounted files, SIGTERM (what {@code docker stop} and Kubernetes send) stops
 * the application cleanly with its devices flushed and closed, and the exit code is the container's.
 * The JVM handles SIGTERM itself, so this works as PID 1 without an init process.
 */
public final class ContainerBoot {

    /**
     * How long a SIGTERM waits for the application to finish and close its devices: Kubernetes' 30 s
     * grace period. {@code docker stop} kills after 10 s unless given {@code -t}; the platform's
     * SIGKILL ends the wait in any case.
     */
    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private ContainerBoot() {
    }

    public static void run(String name, String[] args, List<KeySpec> keys, ApplicationFactory factory) {
        // Container platforms collect stdout: send slf4j-simple's log there unless configured otherwise.
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        }
        ApplicationRunner runner = new ApplicationRunner(name, keys,
                new EnvironmentKeySource(args, System.getenv(), EnvironmentKeySource.DEFAULT_SECRETS_DIRECTORY),
                System.out, System.err);
        Thread stopper = new Thread(() -> {
            System.out.println(name + ": stopping");
            System.out.flush();
            if (runner.stopAndWait(STOP_TIMEOUT_MILLIS)) {
                // A clean stop exits with the application's code (0), not the signal's 143: orchestrators
                // read a non-zero code as a crash.
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(runner.exitCode());
            }
        }, name + "-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        int code = runner.run(factory);
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            // A signal arrived while finishing: the hook is already waiting for us; let it see us end.
        }
        System.out.flush();
        System.exit(code);
    }
}

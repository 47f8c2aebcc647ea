package dev.unikernel.runtime.oci;

import dev.unikernel.api.boot.ApplicationFactory;
import dev.unikernel.api.boot.ApplicationRunner;
import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.runtime.unix.UnixBoot;
import java.util.List;

/**
 * Entry point of an oci-target program, the image's entrypoint: keys from the environment and
 * arguments, secrets from mounted files, SIGTERM (what {@code docker stop} and Kubernetes send) stops
 * the application cleanly with its devices flushed and closed, and the exit code is the container's.
 * The JVM handles SIGTERM itself, so this works as PID 1 without an init process.
 */
public final class OciBoot {

    private OciBoot() {
    }

    public static void run(String name, String[] args, List<KeySpec> keys, ApplicationFactory factory) {
        logToStandardOutput();
        ApplicationRunner runner = new ApplicationRunner(name, keys,
                new EnvironmentKeySource(args, System.getenv(), EnvironmentKeySource.DEFAULT_SECRETS_DIRECTORY),
                System.out, System.err);
        UnixBoot.runInThisProcess(name, runner, factory);
    }

    /**
     * Entry point of an image whose container arguments all belong to the application (its
     * {@code Arguments} device has them): keys come from the environment and mounted secrets only.
     */
    public static void run(String name, List<KeySpec> keys, ApplicationFactory factory) {
        logToStandardOutput();
        ApplicationRunner runner = new ApplicationRunner(name, keys,
                EnvironmentKeySource.withoutArguments(System.getenv(), EnvironmentKeySource.DEFAULT_SECRETS_DIRECTORY),
                System.out, System.err);
        UnixBoot.runInThisProcess(name, runner, factory);
    }

    /** Container platforms collect stdout: send slf4j-simple's log there unless configured otherwise. */
    private static void logToStandardOutput() {
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        }
    }
}

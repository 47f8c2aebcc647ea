package dev.unikernel.runtime.unix;

import dev.unikernel.api.boot.ApplicationFactory;
import dev.unikernel.api.boot.ApplicationRunner;
import dev.unikernel.api.boot.KeySpec;
import java.util.List;

/**
 * Entry point of a unix-target program: keys from argv, SIGTERM and Ctrl-C stop the application
 * cleanly (devices flushed and closed), the application's result is the process exit code.
 */
public final class UnixBoot {

    /**
     * How long a SIGTERM waits for the application to finish and close its devices: Kubernetes' 30 s
     * grace period; a platform's SIGKILL ends the wait in any case.
     */
    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private UnixBoot() {
    }

    public static void run(String name, String[] args, List<KeySpec> keys, ApplicationFactory factory) {
        ApplicationRunner runner = new ApplicationRunner(name, keys, new ArgumentKeySource(args, System.getenv()),
                System.out, System.err);
        runInThisProcess(name, runner, TrainingRun.stoppingAfterConfiguredTime(factory, runner));
    }

    /**
     * Entry point of a program whose words all belong to the application (its {@code Arguments}
     * device has them): keys come from {@code UNIKERNEL_<KEY>} environment variables only, and
     * {@code --help} is the application's.
     */
    public static void run(String name, List<KeySpec> keys, ApplicationFactory factory) {
        ApplicationRunner runner = new ApplicationRunner(name, keys, new HostEnvironmentKeySource(System.getenv()),
                System.out, System.err);
        runInThisProcess(name, runner, TrainingRun.stoppingAfterConfiguredTime(factory, runner));
    }

    /**
     * Runs the application as this JVM process: SIGTERM or Ctrl-C asks it to stop and waits for its
     * devices to close, and the process exits with the application's code, also after a signal (a
     * clean stop is 0, not the signal's 143, which orchestrators read as a crash). Shared by the
     * targets whose program is a host or container process.
     */
    public static void runInThisProcess(String name, ApplicationRunner runner, ApplicationFactory factory) {
        Thread stopper = new Thread(() -> {
            if (runner.stopAndWait(STOP_TIMEOUT_MILLIS)) {
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

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

    /** How long a SIGTERM waits for the application to finish and close its devices. */
    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private UnixBoot() {
    }

    public static void run(String name, String[] args, List<KeySpec> keys, ApplicationFactory factory) {
        ApplicationRunner runner = new ApplicationRunner(name, keys,
                new ArgumentKeySource(args, System.getenv()), System.out, System.err);
        Thread stopper = new Thread(() -> {
            if (runner.stopAndWait(STOP_TIMEOUT_MILLIS)) {
                // A clean stop on SIGTERM exits with the application's code (0), not the signal's 143.
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

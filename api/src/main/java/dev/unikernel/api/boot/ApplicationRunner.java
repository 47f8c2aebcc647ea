package dev.unikernel.api.boot;

import dev.unikernel.api.Application;
import dev.unikernel.api.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The target-independent part of a boot: read the keys (or print them for help), let the generated
 * code connect devices and construct the application, run it, close the devices, and turn the
 * outcome into an exit code. Failures become one line naming the problem; stack traces only with
 * {@code UNIKERNEL_DEBUG=1}.
 */
public final class ApplicationRunner {

    /** Exit code for an application that failed, or a device that could not be connected. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for keys that do not fit their declarations. */
    public static final int EXIT_USAGE = 2;

    /** How {@link Secret#origin()} begins for a secret a key source took from an environment variable. */
    static final String ENVIRONMENT_ORIGIN = "environment variable ";

    private final String name;
    private final List<KeySpec> keys;
    private final KeySource source;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Application running;
    private volatile int exitCode = EXIT_FAILURE;
    private volatile boolean stopRequested;

    public ApplicationRunner(String name, List<KeySpec> keys, KeySource source, PrintStream out, PrintStream err) {
        this.name = name;
        this.keys = List.copyOf(keys);
        this.source = source;
        this.out = out;
        this.err = err;
    }

    /** Boots and runs the application; returns its exit code. Call once. */
    public int run(ApplicationFactory factory) {
        try {
            exitCode = boot(factory);
            return exitCode;
        } finally {
            finished.countDown();
        }
    }

    /** The exit code {@link #run} returned; meaningful once {@link #stopAndWait} returned true. */
    public int exitCode() {
        return exitCode;
    }

    /**
     * Asks the running application to stop and waits up to {@code timeoutMillis} for it to finish and
     * its devices to be closed: what a SIGTERM or a VM shutdown request does.
     */
    public boolean stopAndWait(long timeoutMillis) {
        stopRequested = true;
        Application app = running;
        if (app != null) {
            app.stop();
        }
        try {
            return finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int boot(ApplicationFactory factory) {
        if (source.helpRequested()) {
            printHelp();
            return 0;
        }
        KeyValues values;
        try {
            values = KeyValues.read(keys, source);
        } catch (KeyException e) {
            for (String problem : e.problems()) {
                err.println(name + ": " + problem);
            }
            err.println(name + ": " + source.keysHint());
            return EXIT_USAGE;
        } catch (IOException e) {
            report(e);
            return EXIT_FAILURE;
        }
        warnOfSecretsInTheEnvironment(values);
        Boot boot = new Boot(values);
        int code;
        try {
            Application app = factory.create(boot);
            running = app;
            if (stopRequested) {
                // The stop request came while devices were being connected: honour it now.
                app.stop();
            }
            code = app.run();
        } catch (Throwable t) {
            report(t);
            code = EXIT_FAILURE;
        } finally {
            running = null;
        }
        Exception closeFailure = boot.closeAll();
        if (closeFailure != null) {
            report(closeFailure);
            if (code == 0) {
                code = EXIT_FAILURE;
            }
        }
        return code;
    }

    /**
     * One line for each secret taken from an environment variable (its name, never its value): other
     * processes of the user read it in /proc/PID/environ, and images and run scripts carry it.
     */
    private void warnOfSecretsInTheEnvironment(KeyValues values) {
        for (KeySpec spec : keys) {
            if (spec.isSecret()) {
                values.optional(spec.name(), Secret.class)
                        .filter(secret -> secret.origin().startsWith(ENVIRONMENT_ORIGIN))
                        .ifPresent(secret -> err.println(name + ": warning: secret " + spec.name() + " comes from the "
                                + secret.origin() + ", which other processes may read: give it as a file ("
                                + source.spelling(spec) + ")"));
            }
        }
    }

    private void printHelp() {
        out.println(name + ": runtime keys");
        int width = 0;
        for (KeySpec spec : keys) {
            width = Math.max(width, source.spelling(spec).length());
        }
        for (KeySpec spec : keys) {
            StringBuilder line = new StringBuilder("  ").append(source.spelling(spec));
            line.append(" ".repeat(width - source.spelling(spec).length() + 2)).append(spec.doc());
            if (spec.defaultValue() != null) {
                line.append(" (default: ").append(spec.defaultValue()).append(')');
            } else if (spec.isRequired()) {
                line.append(" (required)");
            }
            out.println(line);
        }
    }

    private void report(Throwable t) {
        err.println(name + ": " + describe(t));
        if ("1".equals(System.getenv("UNIKERNEL_DEBUG"))) {
            t.printStackTrace(err);
        } else if (!(t instanceof IOException) && !(t instanceof IllegalArgumentException)
                && !(t instanceof IllegalStateException)) {
            err.println(name + ": set UNIKERNEL_DEBUG=1 for the stack trace");
        }
    }

    /** One line for a failure: its message, and its cause's when that adds something. */
    static String describe(Throwable t) {
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        Throwable cause = t.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message;
    }
}

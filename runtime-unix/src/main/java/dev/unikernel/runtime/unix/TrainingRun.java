package dev.unikernel.runtime.unix;

import dev.unikernel.api.Application;
import dev.unikernel.api.boot.ApplicationFactory;
import dev.unikernel.api.boot.ApplicationRunner;

/**
 * The build's AOT training run: the program runs as usual, and when the system property
 * {@value #STOP_AFTER_PROPERTY} is set, it is asked to stop cleanly ({@link Application#stop}) that
 * many milliseconds after it started running, unless it ended by itself before. A server never ends
 * by itself, so this is how its training run gets to exit, which is when the JVM writes the cache.
 */
public final class TrainingRun {

    /** Milliseconds between the application's start and the stop request; set by the plugin only. */
    public static final String STOP_AFTER_PROPERTY = "unikernel.training.stopAfterMillis";

    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private TrainingRun() {
    }

    /** {@code factory}, or when this is a training run, a factory that also schedules the stop. */
    static ApplicationFactory stoppingAfterConfiguredTime(ApplicationFactory factory, ApplicationRunner runner) {
        String value = System.getProperty(STOP_AFTER_PROPERTY);
        if (value == null) {
            return factory;
        }
        long millis;
        try {
            millis = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + STOP_AFTER_PROPERTY + " must be milliseconds, not " + value);
        }
        return boot -> {
            Application application = factory.create(boot);
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
                runner.stopAndWait(STOP_TIMEOUT_MILLIS);
            }, "unikernel-training-stop");
            // A program that ends by itself first must not be held up by this timer.
            stopper.setDaemon(true);
            stopper.start();
            return application;
        };
    }
}

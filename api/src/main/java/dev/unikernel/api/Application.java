package dev.unikernel.api;

/**
 * An application unit: its public constructor's parameters are the devices and keys it needs (the
 * device graph); the target's generated {@code Main} connects them, constructs it and calls
 * {@link #run()}.
 */
public interface Application {

    /** Runs the application; the returned value is the exit code of the program or VM. */
    int run() throws Exception;

    /** Asks a running {@link #run()} to finish soon (SIGTERM, VM shutdown); called from another thread. */
    default void stop() {
    }
}

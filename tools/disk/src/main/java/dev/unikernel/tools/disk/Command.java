package dev.unikernel.tools.disk;

import java.io.PrintStream;
import java.util.Set;

/** One subcommand of the disk tool. */
interface Command {

    /** The word that selects it, e.g. {@code ls}. */
    String name();

    /** One usage line, e.g. {@code ls IMAGE [PATH]}. */
    String usage();

    /** Its own boolean flags (besides {@link ImageDevices#FLAGS}). */
    default Set<String> flags() {
        return Set.of();
    }

    /** Runs it; returns the exit status. Failures throw: the dispatcher prints them. */
    int run(Arguments args, PrintStream out) throws Exception;
}

package dev.unikernel.engine.apps;

import dev.unikernel.api.Application;
import dev.unikernel.api.Arguments;
import dev.unikernel.api.Clock;
import dev.unikernel.api.Key;

/** A command-line tool: it takes the program's words, as tools/disk does, and one key. */
public final class Cli implements Application {

    public Cli(Arguments arguments, Clock clock,
            @Key(name = "verbose", doc = "print more", defaultValue = "false") boolean verbose) {
    }

    @Override
    public int run() {
        return 0;
    }
}

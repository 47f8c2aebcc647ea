package dev.unikernel.tools.disk;

import dev.unikernel.api.Application;
import dev.unikernel.api.Arguments;

/**
 * The disk tool as a unikernel application, which the unix target builds into
 * {@code target/unikernel/unix/bin/disk}: every word of the command line is the tool's (so its own
 * {@code --help} reaches it), and its exit status is the program's.
 */
public final class DiskApplication implements Application {

    private final Arguments arguments;

    public DiskApplication(Arguments arguments) {
        this.arguments = arguments;
    }

    @Override
    public int run() {
        return DiskTool.run(arguments.array(), System.in, System.out, System.err);
    }
}

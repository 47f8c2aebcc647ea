package dev.unikernel.tools.disk;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand has: the streams of this run, and its own name for messages. */
abstract class ToolCommand implements Callable<Integer> {

    final Io io;

    @Spec
    CommandSpec spec;

    ToolCommand(Io io) {
        this.io = io;
    }

    /** The command's name, e.g. {@code put}, for warnings. */
    String name() {
        return spec.name();
    }
}

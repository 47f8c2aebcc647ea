package dev.unikernel.engine;

import java.io.IOException;
import java.nio.file.Path;

/** Packages a linked program in a target's form. Returns the main artifact (launcher, kernel, image). */
public interface TargetPackager {

    Path pack(Plan plan, LinkedProgram program, BuildInputs inputs, BuildOptions options, BuildLog log)
            throws UnikernelException, IOException;

    /** The command that runs the packaged artifact in the foreground with {@code args}. */
    default java.util.List<String> runCommand(Path artifact, java.util.List<String> args) {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(artifact.toString());
        command.addAll(args);
        return command;
    }
}

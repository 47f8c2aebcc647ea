package dev.unikernel.engine;

import java.io.IOException;
import java.nio.file.Path;

/** Packages a linked program in a target's form. Returns the main artifact (launcher, kernel, image). */
public interface TargetPackager {

    Path pack(Plan plan, LinkedProgram program, BuildInputs inputs, BuildOptions options, BuildLog log)
            throws UnikernelException, IOException;
}

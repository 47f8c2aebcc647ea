package dev.unikernel.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * The output of linking, before target packaging: every jar the program runs with, in classpath
 * order (generated Main, application, dependencies, runtime).
 */
public record LinkedProgram(String name, List<Path> jars) {

    public LinkedProgram {
        jars = List.copyOf(jars);
    }
}

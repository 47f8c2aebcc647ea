package dev.unikernel.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * What the build links, besides the plan: the application's compiled classes, its dependency jars,
 * the target runtime's jars (resolved for the plugin's version), and where the output goes.
 *
 * @param classesDirectory   the application's compiled classes ({@code target/classes})
 * @param dependencyJars     the application's runtime dependencies
 * @param runtimeJars        the target runtime and its dependencies not already among dependencyJars
 * @param applicationJarName file name for the jar made from classesDirectory
 * @param outputDirectory    {@code target/unikernel/<target>}
 * @param pluginVersion      written into generated files
 */
public record BuildInputs(Path classesDirectory, List<Path> dependencyJars, List<Path> runtimeJars,
        String applicationJarName, Path outputDirectory, String pluginVersion) {

    public BuildInputs {
        dependencyJars = List.copyOf(dependencyJars);
        runtimeJars = List.copyOf(runtimeJars);
    }

    /** The generated sources: {@code <output>/generated}. */
    public Path generatedDirectory() {
        return outputDirectory.resolve("generated");
    }

    /** Every jar of the linked program but the generated Main's. */
    public List<Path> linkedJars() {
        return java.util.stream.Stream.concat(dependencyJars.stream(), runtimeJars.stream()).toList();
    }
}

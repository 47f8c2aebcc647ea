package dev.unikernel.engine;

import java.io.IOException;
import java.nio.file.Path;

/** Configure's second half: writes a plan's files (the generated Main, the device graph). */
public final class Configurator {

    private Configurator() {
    }

    /** Writes {@code generated/unikernel/Main.java} and {@code graph.dot}; returns the Main source path. */
    public static Path write(Plan plan, Path outputDirectory, String pluginVersion, BuildLog log) throws IOException {
        Path main = outputDirectory.resolve("generated").resolve(Plan.MAIN_CLASS.replace('.', '/') + ".java");
        if (FileUpdates.writeIfChanged(main, MainGenerator.generate(plan, pluginVersion))) {
            log.info("Generated " + main);
        }
        FileUpdates.writeIfChanged(outputDirectory.resolve("graph.dot"), GraphRenderer.toDot(plan));
        return main;
    }
}

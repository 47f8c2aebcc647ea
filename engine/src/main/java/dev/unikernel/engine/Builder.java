package dev.unikernel.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** build = configure (write the plan) + compile the generated Main + link + package for the target. */
public final class Builder {

    private Builder() {
    }

    /** Builds {@code plan} and returns the main artifact (for unix, the launcher). */
    public static Path build(Plan plan, BuildInputs inputs, BuildOptions options, BuildLog log)
            throws UnikernelException, IOException {
        Path source = Configurator.write(plan, inputs.outputDirectory(), inputs.pluginVersion(), log);
        Path mainClasses = inputs.outputDirectory().resolve("classes");
        MainCompiler.compile(source, inputs.classesDirectory(), inputs.linkedJars(), mainClasses);
        Path jars = inputs.outputDirectory().resolve("jars");
        Path mainJar = jars.resolve("unikernel-main.jar");
        JarWriter.write(mainClasses, mainJar);
        Path applicationJar = jars.resolve(inputs.applicationJarName());
        JarWriter.write(inputs.classesDirectory(), applicationJar);
        List<Path> all = new ArrayList<>();
        all.add(mainJar);
        all.add(applicationJar);
        Path files = ClassPathFiles.pack(plan, jars, inputs.outputDirectory().resolve("files-classes"), log);
        if (files != null) {
            all.add(files);
        }
        all.addAll(inputs.linkedJars());
        LinkedProgram program = new LinkedProgram(plan.applicationName(), all);
        return plan.target().packager().pack(plan, program, inputs, options, log);
    }
}

package dev.unikernel.engine;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles the generated Main against the application, its dependencies and the target runtime. */
final class MainCompiler {

    private MainCompiler() {
    }

    static void compile(Path source, Path classesDirectory, List<Path> classpath, Path outputDirectory)
            throws UnikernelException, IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new UnikernelException("Maven runs on a Java runtime without a compiler (" + System.getProperty("java.home")
                    + "): set JAVA_HOME to a JDK 25");
        }
        FileUpdates.deleteTree(outputDirectory);
        Files.createDirectories(outputDirectory);
        List<Path> path = new ArrayList<>();
        path.add(classesDirectory);
        path.addAll(classpath);
        List<String> arguments = List.of("--release", "25", "-proc:none", "-encoding", "UTF-8", "-nowarn",
                "-classpath", path.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                "-d", outputDirectory.toString(), source.toString());
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new UnikernelException("the generated " + source + " does not compile; the application's"
                    + " unikernel-api version probably differs from the plugin's:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
    }
}

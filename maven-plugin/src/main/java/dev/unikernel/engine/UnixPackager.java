package dev.unikernel.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The unix target's form: {@code bin/<name>} (a POSIX sh launcher), {@code lib/} (every jar), and
 * {@code runtime/} (a jlink'ed Java runtime), so the program runs without Maven or an installed Java.
 */
final class UnixPackager implements TargetPackager {

    @Override
    public Path pack(Plan plan, LinkedProgram program, BuildInputs inputs, BuildOptions options, BuildLog log)
            throws UnikernelException, IOException {
        Path out = inputs.outputDirectory();
        Path lib = out.resolve("lib");
        syncJars(program.jars(), lib);
        if (options.jlink()) {
            List<String> modules = JavaRuntimeLinker.modules(program.jars(), options.extraModules(), log);
            JavaRuntimeLinker.link(modules, out.resolve("runtime"), log);
        } else {
            FileUpdates.deleteTree(out.resolve("runtime"));
        }
        Path launcher = out.resolve("bin").resolve(plan.applicationName());
        FileUpdates.writeIfChanged(launcher, launcherScript(plan, options));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        log.info("Built " + launcher);
        return launcher;
    }

    /** Copies the jars into {@code lib} and removes any jar left there by an earlier build. */
    private static void syncJars(List<Path> jars, Path lib) throws IOException {
        Files.createDirectories(lib);
        Set<String> names = new HashSet<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (!names.add(name)) {
                throw new IOException("two jars are both named " + name + ": " + jars);
            }
            Path copy = lib.resolve(name);
            if (!Files.exists(copy) || Files.size(copy) != Files.size(jar)
                    || Files.getLastModifiedTime(copy).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        try (var existing = Files.list(lib)) {
            for (Path file : existing.toList()) {
                if (!names.contains(file.getFileName().toString())) {
                    Files.delete(file);
                }
            }
        }
    }

    static String launcherScript(Plan plan, BuildOptions options) {
        List<String> javaOptions = new ArrayList<>(options.javaOptions());
        StringBuilder script = new StringBuilder();
        script.append("#!/bin/sh\n");
        script.append("# Runs ").append(plan.applicationName()).append(" (").append(plan.graph().entryClass())
                .append("), built by unikernel-maven-plugin for target unix.\n");
        script.append("# Keys are --name=value arguments; --help lists them. JAVA_OPTS adds JVM options.\n");
        script.append("set -e\n");
        script.append("self=$(readlink -f \"$0\")\n");
        script.append("home=$(dirname \"$(dirname \"$self\")\")\n");
        if (options.jlink()) {
            script.append("java=\"$home/runtime/bin/java\"\n");
        } else {
            script.append("if [ -n \"$JAVA_HOME\" ]; then java=\"$JAVA_HOME/bin/java\"; else java=java; fi\n");
        }
        script.append("exec \"$java\"");
        for (String option : javaOptions) {
            script.append(' ').append(shellQuote(option));
        }
        script.append(" $JAVA_OPTS -cp \"$home/lib/*\" ").append(Plan.MAIN_CLASS).append(" \"$@\"\n");
        return script.toString();
    }

    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

package dev.unikernel.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
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
        boolean unsign = options.jlink() && options.aotTraining().enabled() && !options.aotTraining().keepJarSignatures();
        syncJars(program.jars(), lib, unsign, log);
        if (options.jlink()) {
            List<String> modules = JavaRuntimeLinker.modules(program.jars(), options.extraModules(), log);
            JavaRuntimeLinker.link(modules, out.resolve("runtime"), log);
        } else {
            FileUpdates.deleteTree(out.resolve("runtime"));
        }
        List<String> classPath = classPath(program);
        Path launcher = out.resolve("bin").resolve(plan.applicationName());
        FileUpdates.writeIfChanged(launcher, launcherScript(plan, classPath, options));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        AotCache.update(plan.applicationName(), classPath, out, options, log);
        log.info("Built " + launcher);
        return launcher;
    }

    /** The jars as the launcher names them, relative to the program's directory, in class-path order. */
    static List<String> classPath(LinkedProgram program) {
        return program.jars().stream().map(jar -> "lib/" + jar.getFileName()).toList();
    }

    /**
     * Copies the jars into {@code lib} and removes any jar left there by an earlier build. A jar whose
     * bytes did not change keeps its copy and that copy's time: the AOT cache depends on both. With
     * {@code unsign} (a program with an AOT cache), a signed jar is copied without its signature
     * ({@link UnsignedJar}), with the jar's time: a copy with that time and no signature is kept.
     */
    static void syncJars(List<Path> jars, Path lib, boolean unsign, BuildLog log) throws IOException {
        Files.createDirectories(lib);
        Set<String> names = new HashSet<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (!names.add(name)) {
                throw new IOException("two jars are both named " + name + ": " + jars);
            }
            Path copy = lib.resolve(name);
            if (unsign && UnsignedJar.isSigned(jar)) {
                FileTime time = Files.getLastModifiedTime(jar);
                if (!Files.exists(copy) || !Files.getLastModifiedTime(copy).equals(time) || UnsignedJar.isSigned(copy)) {
                    Files.write(copy, UnsignedJar.of(jar));
                    Files.setLastModifiedTime(copy, time);
                    log.info("Copied " + name + " without its signature: the AOT cache can hold no class of a signed"
                            + " jar (<aotTraining><keepJarSignatures> keeps it)");
                }
            } else if (!Files.exists(copy) || Files.mismatch(copy, jar) != -1) {
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

    /**
     * The launcher: an explicit class path in the linked order (a {@code lib/*} wildcard's order is
     * the directory's, and the AOT cache needs the order it was trained with), and the AOT cache when
     * one is configured and present ({@code UNIKERNEL_AOT=off} runs without it, for comparison).
     */
    static String launcherScript(Plan plan, List<String> classPath, BuildOptions options) {
        boolean aot = options.jlink() && options.aotTraining().enabled();
        List<String> javaOptions = new ArrayList<>(options.javaOptions("unix"));
        StringBuilder script = new StringBuilder();
        script.append("#!/bin/sh\n");
        script.append("# Runs ").append(plan.applicationName()).append(" (").append(plan.graph().entryClass())
                .append("), built by unikernel-maven-plugin for target unix.\n");
        script.append(plan.argumentsDevice() == null ? "# Keys are --name=value arguments; --help lists them."
                : "# Every argument is the application's; keys are UNIKERNEL_<KEY> environment variables.")
                .append(" JAVA_OPTS adds JVM options.\n");
        script.append("set -e\n");
        script.append("self=$(readlink -f \"$0\")\n");
        script.append("home=$(dirname \"$(dirname \"$self\")\")\n");
        if (options.jlink()) {
            script.append("java=\"$home/runtime/bin/java\"\n");
        } else {
            script.append("if [ -n \"$JAVA_HOME\" ]; then java=\"$JAVA_HOME/bin/java\"; else java=java; fi\n");
        }
        script.append("cp=\"").append(String.join(":", classPath.stream().map(UnixPackager::underHome).toList()))
                .append("\"\n");
        if (aot) {
            script.append("# The AOT cache made at build time by a training run: classes come loaded, linked and profiled.\n");
            script.append("# A cache this JVM cannot use is skipped silently; UNIKERNEL_AOT=off runs without it.\n");
            script.append("aot=\"$home/").append(AotCache.DIRECTORY).append('/').append(plan.applicationName())
                    .append(".aot\"\n");
            script.append("if [ ! -f \"$aot\" ] || [ \"${UNIKERNEL_AOT:-on}\" = off ]; then aot=; fi\n");
        }
        script.append("exec \"$java\"");
        if (aot) {
            script.append(" ${aot:+\"-XX:AOTCache=$aot\"} ${aot:+\"-Xlog:aot*=off,cds*=off\"}");
        }
        for (String option : javaOptions) {
            script.append(' ').append(shellQuote(option));
        }
        script.append(" $JAVA_OPTS -cp \"$cp\" ").append(Plan.MAIN_CLASS).append(" \"$@\"\n");
        return script.toString();
    }

    /** {@code $home/<file>} for inside double quotes; a jar name with shell characters is refused. */
    private static String underHome(String file) {
        if (!file.matches("[A-Za-z0-9._+/@-]+")) {
            throw new IllegalArgumentException("a jar's name has characters the launcher cannot quote: " + file);
        }
        return "$home/" + file;
    }

    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

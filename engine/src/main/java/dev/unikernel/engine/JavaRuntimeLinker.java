package dev.unikernel.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

/**
 * Makes a minimal Java runtime for a program: jdeps finds the modules its jars use, jlink links a
 * runtime of just those from the JDK Maven runs on. A runtime already linked with the same modules
 * from the same JDK is kept, since jlink takes seconds.
 */
public final class JavaRuntimeLinker {

    /** Modules every runtime gets: jdeps cannot see services loaded by name at run time. */
    private static final Set<String> ALWAYS = Set.of("java.base");

    private static final String STAMP = ".unikernel-modules";

    private JavaRuntimeLinker() {
    }

    /** The modules the jars need, plus {@code extra}: sorted, comma-free names. */
    public static List<String> modules(List<Path> jars, List<String> extra, BuildLog log)
            throws UnikernelException, IOException {
        Path scratch = Files.createTempDirectory("unikernel-jdeps");
        try {
            return runJdeps(ClassPathJars.withoutModuleInfo(jars, scratch), extra, log);
        } finally {
            FileUpdates.deleteTree(scratch);
        }
    }

    /**
     * jdeps in class-path mode: modular jars (slf4j 2, ...) are given to it without their
     * module-info, since their {@code requires} would otherwise have to resolve as modules, which
     * split packages on the class path (MINA's automatic modules) make impossible.
     */
    private static List<String> runJdeps(List<Path> jars, List<String> extra, BuildLog log)
            throws UnikernelException {
        TreeSet<String> modules = new TreeSet<>(ALWAYS);
        modules.addAll(extra);
        List<String> arguments = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", Integer.toString(Runtime.version().feature())));
        String classpath = jars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        arguments.add("--class-path");
        arguments.add(classpath);
        jars.forEach(jar -> arguments.add(jar.toString()));
        String output = runTool("jdeps", arguments);
        for (String module : output.trim().split("[,\\s]+")) {
            if (!module.isBlank()) {
                modules.add(module.trim());
            }
        }
        log.debug("jdeps: " + output.trim());
        return List.copyOf(modules);
    }

    /** Links a runtime of {@code modules} into {@code runtimeDirectory} unless one with the same modules is there. */
    public static void link(List<String> modules, Path runtimeDirectory, BuildLog log) throws UnikernelException, IOException {
        link(modules, runtimeDirectory, true, log);
    }

    /**
     * Links a runtime; {@code compress} zips the resources in lib/modules. Leave that to images whose
     * layers are gzipped anyway: gzip does better on the plain file (java.base: 19.0 MB against 22.4 MB).
     */
    public static void link(List<String> modules, Path runtimeDirectory, boolean compress, BuildLog log)
            throws UnikernelException, IOException {
        String stamp = System.getProperty("java.home") + " " + Runtime.version() + "\n" + String.join(",", modules) + "\n"
                + (compress ? "" : "uncompressed\n");
        Path stampFile = runtimeDirectory.resolve(STAMP);
        if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)
                && Files.isExecutable(runtimeDirectory.resolve("bin/java"))) {
            log.info("Java runtime is up to date (" + String.join(", ", modules) + ")");
            return;
        }
        FileUpdates.deleteTree(runtimeDirectory);
        Files.createDirectories(runtimeDirectory.getParent());
        long start = System.nanoTime();
        log.info("Linking a Java runtime with jlink: " + String.join(", ", modules));
        List<String> arguments = new ArrayList<>(List.of("--add-modules", String.join(",", modules), "--strip-debug",
                "--no-man-pages", "--no-header-files", "--output", runtimeDirectory.toString()));
        if (compress) {
            arguments.add("--compress=zip-6");
        }
        runJlink(arguments);
        Files.writeString(stampFile, stamp);
        log.info(String.format("Linked the Java runtime in %.1f s: %s", (System.nanoTime() - start) / 1e9,
                Sizes.human(Sizes.ofTree(runtimeDirectory))));
    }

    /**
     * Runs jlink in a JVM of its own: run inside Maven's, it lays out lib/modules differently
     * depending on what that JVM did before, and the oci image digest must not (same content, other bytes).
     */
    private static void runJlink(List<String> arguments) throws UnikernelException, IOException {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        if (!Files.isExecutable(jlink)) {
            runTool("jlink", arguments);
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(jlink.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new UnikernelException("jlink failed (status " + process.exitValue() + "): " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new UnikernelException("interrupted while jlink was running", e);
        }
    }

    private static String runTool(String name, List<String> arguments) throws UnikernelException {
        ToolProvider tool = ToolProvider.findFirst(name).orElseThrow(() -> new UnikernelException(
                "the Java running Maven (" + System.getProperty("java.home") + ") has no " + name
                        + ": set JAVA_HOME to a full JDK 25"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = tool.run(outStream, errStream, arguments.toArray(String[]::new));
        }
        if (status != 0) {
            throw new UnikernelException(name + " failed (status " + status + "): "
                    + (out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).trim());
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

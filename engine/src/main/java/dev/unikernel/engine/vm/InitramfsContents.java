package dev.unikernel.engine.vm;

import dev.unikernel.engine.BakedFiles;
import dev.unikernel.engine.BuildLog;
import dev.unikernel.engine.elf.ElfFile;
import dev.unikernel.engine.UnikernelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * What goes into the initramfs, and where: the jlink'ed JRE at {@code /jre} (its {@code bin/java}
 * is the kernel's {@code rdinit}), the jars at {@code /app/lib} with java's arguments in
 * {@code /app/java.args}, the C libraries the JRE loads at their host paths (the ELF interpreter
 * where PT_INTERP names it), the kernel modules at {@code /lib/modules} (decompressed) with their
 * load order, the console and null device nodes, empty mount points, and the {@code <files>} at
 * {@code /files}. No shell: Java is PID 1.
 */
public final class InitramfsContents {

    /** Where the JRE goes; {@code JRE + "/bin/java"} is init. */
    public static final String JRE = "/jre";
    /** java's argument file, given as {@code @/app/java.args} after the kernel's {@code --}. */
    public static final String JAVA_ARGS = "/app/java.args";
    /** Written for the runtime: module files in load order (KernelModules in runtime-vm reads it). */
    public static final String MODULE_LIST = "/lib/modules/unikernel.load";

    private InitramfsContents() {
    }

    /**
     * Fills an archive. {@code javaOptions} gets the bytes of everything else in it (which stays
     * in RAM) and gives java's options. {@code libraryDirectories} receives the directories of the host libraries,
     * for LD_LIBRARY_PATH (ld.so cannot expand $ORIGIN before /proc is mounted).
     */
    public static CpioArchive build(Path jre, List<Path> jars, List<BakedFiles.Entry> files,
            LongFunction<List<String>> javaOptions, String mainClass, Kernel kernel, List<String> moduleFiles,
            Set<String> libraryDirectories, BuildLog log)
            throws IOException, UnikernelException {
        CpioArchive archive = new CpioArchive();
        for (String mountPoint : List.of("dev", "proc", "sys", "app", "lib/modules")) {
            archive.directory(mountPoint, 0755);
        }
        archive.directory("tmp", 01777);
        // The kernel opens /dev/console for init's stdin, stdout and stderr before devtmpfs is mounted.
        archive.characterDevice("dev/console", 0600, 5, 1);
        archive.characterDevice("dev/null", 0666, 1, 3);
        archive.file("etc/hosts", 0644, "127.0.0.1 localhost\n::1 localhost\n".getBytes(StandardCharsets.US_ASCII));

        List<Path> elfFiles = new ArrayList<>();
        Set<String> jreLibraries = new HashSet<>();
        try (Stream<Path> walk = Files.walk(jre)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = jre.relativize(file).toString();
                if (relative.startsWith(".")) {
                    continue; // the linker's stamp
                }
                archive.file(JRE + "/" + relative, Files.isExecutable(file) ? 0755 : 0644, file);
                if (ElfFile.isElf(file)) {
                    elfFiles.add(file);
                    jreLibraries.add(file.getFileName().toString());
                }
            }
        }
        Path java = jre.resolve("bin/java");
        if (!Files.isRegularFile(java)) {
            throw new UnikernelException("the linked Java runtime " + jre + " has no bin/java");
        }
        String interpreter = ElfFile.read(java).interpreter();
        if (interpreter == null) {
            throw new UnikernelException(java + " names no ELF interpreter: cannot tell which C library it needs");
        }
        archive.file(interpreter, 0755, Path.of(interpreter));
        Map<String, Path> libraries = SharedLibraries.resolve(elfFiles, jreLibraries,
                SharedLibraries.SYSTEM_DIRECTORIES, log);
        for (Map.Entry<String, Path> library : libraries.entrySet()) {
            String path = library.getValue().toString();
            if (!path.equals(interpreter)) {
                archive.file(path, 0755, library.getValue());
            }
            libraryDirectories.add(library.getValue().getParent().toString());
        }
        log.debug("C libraries for the JRE: " + libraries);

        List<String> classPath = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (!names.add(name)) {
                throw new UnikernelException("two jars are both named " + name + ": " + jars);
            }
            archive.file("app/lib/" + name, 0644, jar);
            classPath.add("/app/lib/" + name);
        }
        for (BakedFiles.Entry file : files) {
            if (file.directory()) {
                archive.directory(file.imagePath(), 0755);
            } else {
                archive.file(file.imagePath(), 0644, file.source());
            }
        }
        StringBuilder load = new StringBuilder();
        for (String module : moduleFiles) {
            // Decompressed here, so that the guest kernel needs no CONFIG_MODULE_DECOMPRESS (ModuleFile).
            String target = "/lib/modules/" + ModuleFile.plainName(module);
            archive.file(target, 0644, ModuleFile.read(kernel.modules().resolve(module)));
            load.append(target).append('\n');
        }
        archive.file(MODULE_LIST, 0644, load.toString().getBytes(StandardCharsets.US_ASCII));

        // Last, since the heap's size depends on how much RAM the unpacked files take.
        StringBuilder arguments = new StringBuilder();
        for (String option : javaOptions.apply(archive.contentBytes())) {
            arguments.append(argument(option)).append('\n');
        }
        arguments.append("-cp\n").append(argument(String.join(":", classPath))).append('\n');
        arguments.append(mainClass).append('\n');
        archive.file(JAVA_ARGS, 0644, arguments.toString().getBytes(StandardCharsets.UTF_8));
        return archive;
    }

    /** One word of a java @argfile: quoted when it holds spaces or quotes. */
    static String argument(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\' || c == '#')) {
            return word;
        }
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

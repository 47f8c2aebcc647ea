package it.tarball;

import dev.unikernel.engine.BuildInputs;
import dev.unikernel.engine.BuildLog;
import dev.unikernel.engine.BuildOptions;
import dev.unikernel.engine.LinkedProgram;
import dev.unikernel.engine.Plan;
import dev.unikernel.engine.TargetPackager;
import dev.unikernel.engine.UnikernelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** Writes {@code <name>.tar.gz}: {@code <name>/bin/<name>} and {@code <name>/lib/*.jar}. */
final class TarballPackager implements TargetPackager {

    @Override
    public Path pack(Plan plan, LinkedProgram program, BuildInputs inputs, BuildOptions options, BuildLog log)
            throws UnikernelException, IOException {
        String name = plan.applicationName();
        // Staged in a directory named as the program, so that the archive unpacks into one directory.
        Path stage = inputs.outputDirectory().resolve("stage");
        deleteTree(stage);
        Path home = stage.resolve(name);
        Files.createDirectories(home.resolve("lib"));
        for (Path jar : program.jars()) {
            Files.copy(jar, home.resolve("lib").resolve(jar.getFileName()));
        }
        Path launcher = home.resolve("bin").resolve(name);
        Files.createDirectories(launcher.getParent());
        // lib/* is relative, so the launcher runs from the unpacked directory.
        Files.writeString(launcher, """
                #!/bin/sh
                cd "$(dirname "$0")/.."
                exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp 'lib/*' unikernel.Main "$@"
                """);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = inputs.outputDirectory().resolve(name + ".tar.gz");
        tar(archive, stage, name);
        log.info("Built " + archive);
        return archive;
    }

    private static void tar(Path archive, Path directory, String entry) throws UnikernelException, IOException {
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", directory.toString(), entry)
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        try {
            if (tar.waitFor() != 0) {
                throw new UnikernelException("tar failed writing " + archive + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + archive, e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}

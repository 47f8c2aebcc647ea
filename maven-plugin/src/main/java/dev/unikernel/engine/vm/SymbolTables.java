package dev.unikernel.engine.vm;

import dev.unikernel.engine.BuildLog;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Drops the static symbol table from the JRE's libjvm.so (5 of its 30 MB): in a VM every byte of
 * the initramfs stays in RAM, and only the dynamic symbols are needed to run. Uses binutils'
 * {@code strip}; without it the build goes on with the larger file and says so.
 */
public final class SymbolTables {

    private SymbolTables() {
    }

    public static void strip(Path library, BuildLog log) throws IOException {
        if (!Files.isRegularFile(library)) {
            return;
        }
        Path strip = onPath("strip");
        long before = Files.size(library);
        if (strip == null) {
            log.info("strip (Debian package binutils) is not installed: " + library.getFileName() + " keeps its symbol"
                    + " table, a few MB more of the VM's RAM");
            return;
        }
        Process process = new ProcessBuilder(strip.toString(), "--strip-unneeded", library.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                log.warn("strip did not finish in 2 minutes: " + library.getFileName() + " keeps its symbol table");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while strip was running", e);
        }
        if (process.exitValue() != 0) {
            // strip writes a copy and renames it: on failure the library is as it was.
            log.warn("strip failed on " + library + " (status " + process.exitValue() + "): " + output
                    + "; it keeps its symbol table");
            return;
        }
        log.info("Stripped " + library.getFileName() + ": " + before / (1024 * 1024) + " MiB -> "
                + Files.size(library) / (1024 * 1024) + " MiB (static symbols, not needed to run)");
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}

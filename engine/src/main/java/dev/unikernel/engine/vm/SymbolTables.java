package dev.unikernel.engine.vm;

import dev.unikernel.engine.BuildLog;
import dev.unikernel.engine.Sizes;
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
        long before = Files.size(library);
        Process process;
        try {
            process = new ProcessBuilder("strip", "--strip-unneeded", library.toString()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            log.info("strip (Debian package binutils) is not installed: " + library.getFileName() + " keeps its symbol"
                    + " table, a few MB more of the VM's RAM");
            return;
        }
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
        long after = Files.size(library);
        if (after == before) {
            return; // a runtime kept from an earlier build: stripped then
        }
        log.info("Stripped " + library.getFileName() + ": " + Sizes.human(before) + " -> " + Sizes.human(after)
                + " (static symbols, not needed to run)");
    }
}

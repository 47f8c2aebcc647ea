package dev.unikernel.runtime.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * With {@code unikernel.debug}: the guest's memory on the console now and then, to size a VM's RAM.
 * When the JVM also runs with {@code -XX:NativeMemoryTracking=summary -XX:+StartAttachListener}
 * (run-qemu {@code --debug} sets both), every sixth report adds the JVM's own account of where its
 * memory goes (heap, metaspace, code, threads, GC, compiler ...), committed MiB per category.
 */
final class MemoryReport {

    private static final List<String> FIELDS = List.of("MemTotal", "MemAvailable", "Shmem", "AnonPages", "Dirty");
    private static final int NATIVE_EVERY = 6;

    private MemoryReport() {
    }

    static void startEvery(long millis) {
        Thread thread = new Thread(() -> {
            for (int report = 0; ; report++) {
                System.out.println("unikernel: memory " + line());
                if (report % NATIVE_EVERY == NATIVE_EVERY - 1) {
                    printNativeMemory();
                }
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-report");
        thread.setDaemon(true);
        thread.start();
    }

    static String line() {
        StringBuilder out = new StringBuilder();
        try {
            for (String row : Files.readAllLines(Path.of("/proc/meminfo"))) {
                String name = row.substring(0, row.indexOf(':'));
                if (FIELDS.contains(name)) {
                    out.append(name).append('=').append(Long.parseLong(row.replaceAll("\\D", "")) / 1024).append("M ");
                }
            }
            for (String row : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (row.startsWith("VmRSS:") || row.startsWith("RssAnon:") || row.startsWith("Threads:")) {
                    out.append(row.replaceAll("\\s+", "").replace("kB", "k")).append(' ');
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getMessage();
        }
        return out.toString().strip();
    }

    private static void printNativeMemory() {
        try {
            String summary = SelfDiagnostics.jcmd("VM.native_memory summary scale=MB");
            if (summary == null) {
                return;
            }
            StringBuilder out = new StringBuilder("unikernel: native memory (committed MiB)");
            for (String row : summary.lines().toList()) {
                String line = row.strip();
                int committed = line.indexOf("committed=");
                if ((line.startsWith("-") || line.startsWith("Total:")) && committed >= 0) {
                    // "Total: reserved=..MB, committed=..MB" or "-   Java Heap (reserved=..MB, committed=..MB)"
                    String name = line.startsWith("Total:") ? "Total"
                            : line.replaceFirst("^-\\s*", "").replaceFirst("\\s*\\(.*$", "");
                    String value = line.substring(committed + "committed=".length()).replaceFirst("[^0-9].*$", "");
                    out.append(' ').append(name.replace(' ', '_')).append('=').append(value);
                }
            }
            System.out.println(out);
        } catch (IOException | RuntimeException e) {
            System.out.println("unikernel: native memory unreadable: " + e.getMessage());
        }
    }
}

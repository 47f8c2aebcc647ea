package dev.unikernel.runtime.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** With {@code unikernel.debug}: the guest's memory on the console now and then, to size a VM's RAM. */
final class MemoryReport {

    private static final List<String> FIELDS = List.of("MemTotal", "MemAvailable", "Shmem", "AnonPages", "Dirty");

    private MemoryReport() {
    }

    static void startEvery(long millis) {
        Thread thread = new Thread(() -> {
            while (true) {
                System.out.println("unikernel: memory " + line());
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
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getMessage();
        }
        return out.toString().strip();
    }
}

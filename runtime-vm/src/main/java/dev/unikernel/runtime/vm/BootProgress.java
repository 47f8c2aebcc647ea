package dev.unikernel.runtime.vm;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells the VMM how far the boot got, on the third serial port (run-qemu shows it on stderr), so
 * the console stays the application's: one line per phase, {@code <phase> <seconds since the
 * kernel started>}. A VMM without that port (Firecracker) simply misses it.
 */
final class BootProgress {

    /** Java runs as PID 1 and /proc, /sys and /dev are mounted. */
    static final String JAVA = "java";
    /** The modules are loaded; the application's devices open next, then the application runs. */
    static final String APPLICATION = "application";
    private static final String PORT = "/dev/ttyS2";

    private BootProgress() {
    }

    /** Reports {@code phase}; never fails the boot. */
    static void reached(String phase) {
        try (OutputStream port = new FileOutputStream(PORT)) {
            port.write((phase + " " + uptime() + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException absent) {
            // No third serial port: nobody is watching.
        }
    }

    /** The first field of /proc/uptime: seconds since the kernel started, to the hundredth. */
    private static String uptime() throws IOException {
        String uptime = Files.readString(Path.of("/proc/uptime")).strip();
        int space = uptime.indexOf(' ');
        return space < 0 ? uptime : uptime.substring(0, space);
    }
}

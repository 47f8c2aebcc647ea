package dev.unikernel.runtime.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel file systems an init mounts before anything else: /proc, /sys and /dev. */
final class SystemMounts {

    private static final long MS_NOSUID = 2;
    private static final long MS_NODEV = 4;
    private static final long MS_NOEXEC = 8;

    private SystemMounts() {
    }

    static void mountAll() throws IOException {
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
        mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
        // devtmpfs: the kernel creates /dev/vda, /dev/ttyS0, /dev/urandom ... itself, no udev needed.
        mount("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755");
    }

    private static void mount(String source, String target, String type, long flags, String data) throws IOException {
        Files.createDirectories(Path.of(target));
        Linux.mount(source, target, type, flags, data);
    }
}

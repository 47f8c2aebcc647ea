package dev.unikernel.runtime.unix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who holds a lock on a file, read from Linux's {@code /proc/locks}: the kernel's own table, so
 * there is no lock file to go stale. POSIX locks (Java's, ours) name their process; OFD locks
 * (qemu's) do not, so those holders are described by kind only. Inside a container the kernel
 * lists only the locks of processes it can see: a holder outside is then "another program".
 */
final class LockHolders {

    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private LockHolders() {
    }

    /** A description such as "PID 4242 (java -cp sftp.jar)", or "a program holding an OFD lock (qemu takes those)"; empty when unknown. */
    static String describe(Path file) {
        try {
            long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            long dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
            return describe(Files.readAllLines(PROC_LOCKS), dev, inode, Path.of("/proc"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** As {@link #describe(Path)}, over the lines of a {@code /proc/locks} table. */
    static String describe(List<String> procLocks, long dev, long inode, Path proc) {
        String exact = String.format("%02x:%02x:%d", major(dev), minor(dev), inode);
        String anyDevice = ":" + inode;
        Set<String> holders = new LinkedHashSet<>();
        for (boolean requireDevice : new boolean[] {true, false}) {
            for (String line : procLocks) {
                List<String> words = new ArrayList<>(List.of(line.trim().split("\\s+")));
                words.remove("->"); // a waiter's line: "2: -> POSIX ..."
                if (words.size() < 6) {
                    continue;
                }
                String file = words.get(5);
                // btrfs subvolumes and overlayfs report another st_dev than the table: then the inode alone.
                boolean same = requireDevice ? file.equals(exact) : file.endsWith(anyDevice);
                if (same && !line.contains("->")) {
                    holders.add(holder(words.get(1), words.get(4), proc));
                }
            }
            if (!holders.isEmpty()) {
                break;
            }
        }
        return String.join(", ", holders);
    }

    private static String holder(String kind, String pid, Path proc) {
        if (pid.equals("-1") || kind.equals("OFDLCK")) {
            return "a program holding an OFD lock (qemu takes those)";
        }
        if (pid.equals("0")) {
            return "a program outside this PID namespace (another container?)";
        }
        return "PID " + pid + program(proc.resolve(pid));
    }

    /** " (java -cp app.jar)": the program's name, for a JVM with its first jar or its main class. */
    private static String program(Path process) {
        try {
            String[] words = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
            if (words.length == 0 || words[0].isEmpty()) {
                return "";
            }
            String name = Path.of(words[0]).getFileName().toString();
            for (int i = 1; i < words.length - 1 && name.equals("java"); i++) {
                if (words[i].equals("-jar") || words[i].equals("-cp") || words[i].equals("-classpath")
                        || words[i].equals("--class-path")) {
                    String first = words[i + 1].split(":")[0];
                    return " (java " + words[i] + " " + Path.of(first).getFileName() + ")";
                }
            }
            return " (" + name + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** glibc's gnu_dev_major. */
    static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    /** glibc's gnu_dev_minor. */
    static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }
}

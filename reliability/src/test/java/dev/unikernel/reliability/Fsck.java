package dev.unikernel.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs dosfstools' {@code fsck.fat} on a plain (decrypted) image and sorts what it says into what a
 * crash is allowed to leave (lost clusters, a cluster chain longer than its file, FAT copies that
 * differ, the dirty bit, FAT32's free count left unknown or stale) and everything else. A missing fsck.fat fails the test: it never skips.
 */
final class Fsck {

    private static final Path TOOL = Path.of("/usr/sbin/fsck.fat");

    /** Lines that only describe leaks and the marks of an unclean unmount. */
    private static final List<Pattern> LEAKS_ONLY = List.of(
            Pattern.compile("fsck\\.fat \\d.*"),
            Pattern.compile("\\s*"),
            Pattern.compile("(0x41: )?Dirty bit is set\\. Fs was not properly unmounted.*"),
            Pattern.compile("\\s*Automatically removing dirty bit\\."),
            Pattern.compile("FATs differ but appear to be intact\\.( Using first FAT\\.)?"),
            Pattern.compile("\\s*Using first FAT\\."),
            Pattern.compile("Reclaimed \\d+ unused clusters? \\(\\d+ bytes\\)( in \\d+ chains?)?\\."),
            Pattern.compile("Leaving filesystem unchanged\\."),
            Pattern.compile("Performing changes\\."),
            // FAT32's FSInfo says "unknown" while our read-write mount runs: a crash leaves it so.
            Pattern.compile("Free cluster summary uninitialized \\(should be \\d+\\)"),
            Pattern.compile("Free cluster summary wrong \\(\\d+ vs\\. really \\d+\\)"),
            Pattern.compile("\\s*Auto-(correcting|setting)\\."), // what fsck.fat -a does about either
            Pattern.compile(".*: \\d+ files, \\d+/\\d+ clusters"));
    /** "File size is X bytes, cluster chain length is > Y bytes": a leaked tail when X is at most Y. */
    private static final Pattern CHAIN_LONGER = Pattern.compile("\\s*File size is (\\d+) bytes, cluster chain length is > (\\d+) bytes\\.");
    private static final Pattern TRUNCATING = Pattern.compile("\\s*Truncating file to (\\d+) bytes\\.");

    /** What fsck.fat said. */
    static final class Report {

        private final int exitCode;
        private final String output;

        Report(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        int exitCode() {
            return exitCode;
        }

        String output() {
            return output;
        }

        /** Lines that describe damage beyond leaks; empty when the crash left only what it may. */
        List<String> worseThanLeaks() {
            List<String> bad = new ArrayList<>();
            String[] lines = output.split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (LEAKS_ONLY.stream().anyMatch(p -> p.matcher(line).matches())) {
                    continue;
                }
                // A path line followed by "chain longer than the size" and the truncation to that size.
                if (line.startsWith("/") && i + 1 < lines.length) {
                    Matcher longer = CHAIN_LONGER.matcher(lines[i + 1]);
                    if (longer.matches() && Long.parseLong(longer.group(1)) <= Long.parseLong(longer.group(2))) {
                        i++;
                        if (i + 1 < lines.length && TRUNCATING.matcher(lines[i + 1]).matches()) {
                            i++;
                        }
                        continue;
                    }
                }
                bad.add(line);
            }
            return bad;
        }

        /** True when fsck.fat found nothing at all to say beyond its banner and summary. */
        boolean clean() {
            if (exitCode != 0) {
                return false;
            }
            for (String line : output.split("\n")) {
                if (!line.isBlank() && !line.startsWith("fsck.fat ") && !line.matches(".*: \\d+ files, \\d+/\\d+ clusters")) {
                    return false;
                }
            }
            return true;
        }
    }

    private Fsck() {
    }

    static void require() {
        if (!Files.isExecutable(TOOL)) {
            fail(TOOL + " is missing: install the Debian package dosfstools (apt-get install -y dosfstools)");
        }
    }

    /** {@code fsck.fat -n}: checks without writing. */
    static Report check(Path image) throws IOException, InterruptedException {
        return run("-n", image);
    }

    /** {@code fsck.fat -a}: repairs automatically. */
    static Report repair(Path image) throws IOException, InterruptedException {
        return run("-a", image);
    }

    private static Report run(String mode, Path image) throws IOException, InterruptedException {
        require();
        Process p = new ProcessBuilder(TOOL.toString(), mode, image.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("fsck.fat " + mode + " " + image + " did not finish within 60 s");
        }
        return new Report(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}

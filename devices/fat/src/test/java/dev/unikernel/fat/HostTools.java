package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real FAT tools (Debian packages dosfstools and mtools). A missing tool fails the test with a
 * message saying what to install: interop is part of what these tests prove, so it never skips.
 */
final class HostTools {

    record Result(int exitCode, String output) {
    }

    private HostTools() {
    }

    static void require(String... tools) {
        for (String tool : tools) {
            boolean found = false;
            for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
                if (Files.isExecutable(Path.of(dir, tool))) {
                    found = true;
                }
            }
            if (!found) {
                fail(tool + " is not installed: these tests need the Debian packages dosfstools and mtools "
                        + "(apt-get install -y dosfstools mtools)");
            }
        }
    }

    /** Runs a command; returns its exit code and combined output. */
    static Result run(String... command) throws IOException, InterruptedException {
        require(command[0]);
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MTOOLS_SKIP_CHECK", "1"); // mtools refuses odd geometries otherwise
        pb.environment().put("MTOOLS_NO_VFAT", "0");
        pb.environment().put("TZ", "UTC");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 300 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed. */
    static String ok(String... command) throws IOException, InterruptedException {
        Result r = run(command);
        if (r.exitCode() != 0) {
            fail(String.join(" ", command) + " exited with " + r.exitCode() + ":\n" + r.output());
        }
        return r.output();
    }
}

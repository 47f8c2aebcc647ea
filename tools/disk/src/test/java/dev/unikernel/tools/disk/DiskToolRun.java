package dev.unikernel.tools.disk;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the disk tool in this JVM, with what it printed, for the tool's tests. */
record DiskToolRun(int status, byte[] stdout, String err) {

    /** What it wrote to standard output, as text. */
    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Runs {@code disk ARGS...} with empty standard input. */
    static DiskToolRun disk(String... args) {
        return withInput(new byte[0], args);
    }

    /** Runs {@code disk ARGS...} with {@code stdin} on standard input. */
    static DiskToolRun withInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DiskTool.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new DiskToolRun(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code disk ARGS...} and fails the test unless it exits 0. */
    static DiskToolRun ok(String... args) {
        DiskToolRun run = disk(args);
        if (run.status() != 0) {
            fail("disk " + String.join(" ", args) + " exited " + run.status() + ": " + run.err());
        }
        return run;
    }
}

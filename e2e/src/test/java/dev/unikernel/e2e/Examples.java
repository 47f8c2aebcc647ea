package dev.unikernel.e2e;

import java.nio.file.Path;
import java.time.Duration;

/** The example projects the tests build, where their builds leave what the tests run, and the build itself. */
final class Examples {

    static final Path HELLO = Command.ROOT.resolve("examples/hello");
    static final Path SFTP = Command.ROOT.resolve("examples/sftp");
    /** The sftp example's launcher on the unix target. */
    static final Path SFTP_LAUNCHER = SFTP.resolve("target/unikernel/unix/bin/sftp");
    /** The static web site server example (its site in {@code site/}). */
    static final Path WEB = Command.ROOT.resolve("examples/web");

    private Examples() {
    }

    /** Builds {@code example} for {@code targets} ({@code unix}, or several: {@code unix,vm}), quietly. */
    static void build(Path example, String targets) throws Exception {
        Command.maven(example, "-q", "unikernel:build", "-Dtarget=" + targets).runOk(Duration.ofMinutes(10));
    }
}

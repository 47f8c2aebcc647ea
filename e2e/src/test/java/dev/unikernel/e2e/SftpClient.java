package dev.unikernel.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The real OpenSSH sftp client in batch mode against a server on 127.0.0.1; {@code options} are more {@code -o}s. */
record SftpClient(Path work, Path identity, int port, List<String> options) {

    SftpClient(Path work, Path identity, int port) {
        this(work, identity, port, List.of());
    }

    /** The same client with one more {@code -o name=value}, e.g. {@code KexAlgorithms=curve25519-sha256}. */
    SftpClient withOption(String option) {
        List<String> more = new java.util.ArrayList<>(options);
        more.add(option);
        return new SftpClient(work, identity, port, List.copyOf(more));
    }

    /** The same client for a server on {@code other}. */
    SftpClient withPort(int other) {
        return new SftpClient(work, identity, other, options);
    }

    /** Runs the batch commands; a failing command fails the batch unless prefixed with '-'. */
    Command.Result batch(String... commands) throws Exception {
        Path batch = Files.createTempFile(work, "batch", ".txt");
        Files.write(batch, List.of(commands));
        List<String> command = new java.util.ArrayList<>(List.of("sftp", "-b", batch.toString(), "-P", Integer.toString(port),
                "-i", identity.toString(), "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR"));
        options.forEach(option -> command.addAll(List.of("-o", option)));
        command.add("sftp@127.0.0.1");
        return new Command(command, work, java.util.Map.of()).run(Duration.ofMinutes(10));
    }

    /** Runs the batch and fails the test unless sftp exits 0. */
    String batchOk(String... commands) throws Exception {
        Command.Result result = batch(commands);
        if (result.exitCode() != 0) {
            throw new AssertionError("sftp batch failed (" + result.exitCode() + "): " + List.of(commands) + "\n"
                    + result.output());
        }
        return result.output();
    }
}

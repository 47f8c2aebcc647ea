package dev.unikernel.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The real OpenSSH sftp client in batch mode against a server on 127.0.0.1. */
record SftpClient(Path work, Path identity, int port) {

    /** Runs the batch commands; a failing command fails the batch unless prefixed with '-'. */
    Command.Result batch(String... commands) throws Exception {
        Path batch = Files.createTempFile(work, "batch", ".txt");
        Files.write(batch, List.of(commands));
        return new Command(List.of("sftp", "-b", batch.toString(), "-P", Integer.toString(port),
                "-i", identity.toString(), "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                "sftp@127.0.0.1"), work, java.util.Map.of()).run(Duration.ofMinutes(10));
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

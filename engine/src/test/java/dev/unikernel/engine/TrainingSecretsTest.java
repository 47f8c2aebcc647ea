package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSecretsTest {

    @Test
    void aCheckedInSecretFileReachesTheTrainingRunAsAPrivateCopy(@TempDir Path work) throws Exception {
        Path checkedIn = Files.writeString(work.resolve("passphrase"), "training only");
        Files.setPosixFilePermissions(checkedIn, PosixFilePermissions.fromString("rw-r--r--"));
        Path directory = work.resolve("aot/training-secrets");
        List<String> command = TrainingSecrets.privateCopies(List.of("java", "--port=1", "--passphrase-file=" + checkedIn,
                "--authorized-keys=" + checkedIn, "--missing-file=/nowhere"), directory);
        Path copy = directory.resolve("passphrase");
        assertEquals(List.of("java", "--port=1", "--passphrase-file=" + copy, "--authorized-keys=" + checkedIn,
                "--missing-file=/nowhere"), command);
        assertEquals("training only", Files.readString(copy));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        assertEquals(command, TrainingSecrets.privateCopies(List.of("java", "--port=1", "--passphrase-file=" + checkedIn,
                "--authorized-keys=" + checkedIn, "--missing-file=/nowhere"), directory), "the same names every build");
        try (var files = Files.list(directory)) {
            assertEquals(List.of(copy), files.toList(), "no temporary file is left");
        }
    }
}

package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sftp example's own unit tests (its transport cipher and Poly1305), run as a user of the example would. */
class SftpUnitTestsTest {

    @Test
    @Timeout(600)
    void exampleUnitTestsPass() throws Exception {
        Path sftp = Examples.SFTP;
        Command.maven(sftp, "-q", "test").runOk(Duration.ofMinutes(10));
        Path reports = sftp.resolve("target/surefire-reports");
        try (Stream<Path> files = Files.list(reports)) {
            long suites = files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).count();
            assertTrue(suites >= 2, "expected the example's test suites in " + reports + ", found " + suites);
        }
    }
}

package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM that does not open {@code java.base/com.sun.crypto.provider} (a launcher without the
 * example's JVM options) gets our own Poly1305, with at most one log line and no stack trace.
 */
class Poly1305FallbackTest {

    /** Run in the child JVM: which Poly1305 the transport gets, and that it works. */
    public static void main(String[] args) {
        Poly1305 mac = Poly1305.create();
        mac.init(new byte[Poly1305.KEY_SIZE], 0);
        mac.doFinal(new byte[Poly1305.TAG_SIZE], 0);
        System.out.println("chosen: " + mac.getClass().getSimpleName());
    }

    @Test
    void withoutTheOpenedPackageItIsOurs() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Poly1305FallbackTest.class.getName()).redirectErrorStream(true).start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals("chosen: PortablePoly1305", lines.getLast(), output);
        assertTrue(lines.size() <= 2, output);
        assertFalse(output.contains("Exception") || output.contains("\tat "), output);
    }
}

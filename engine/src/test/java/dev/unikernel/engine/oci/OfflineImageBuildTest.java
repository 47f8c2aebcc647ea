package dev.unikernel.engine.oci;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.engine.BuildLog;
import dev.unikernel.engine.UnikernelException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An offline build (Maven's -o) fails before any connection when it would need a registry. */
class OfflineImageBuildTest {

    private final List<String> logged = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override
        public void info(String message) {
            logged.add(message);
        }

        @Override
        public void warn(String message) {
            logged.add(message);
        }

        @Override
        public void debug(String message) {
        }
    };

    @Test
    void aPushFailsWithoutConnectingToTheRegistry(@TempDir Path work) throws Exception {
        try (ServerSocket registry = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            registry.setSoTimeout(200);
            String reference = "127.0.0.1:" + registry.getLocalPort() + "/hello:1";
            UnikernelException e = assertThrows(UnikernelException.class, () -> ScopedValue
                    .where(RegistryAccess.OFFLINE, true)
                    .call(() -> ImageBuilder.build(scratch(null), new ImageDestination.Registry(reference), work, true, log)));
            assertEquals("pushing to " + reference + " needs the network, but Maven is offline (-o): build without -o,"
                    + " or leave <image> (-Dunikernel.image) empty to write the image as a tar", e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertNoConnection(registry);
        }
    }

    @Test
    void aBaseImageNotInJibsCacheFailsWithoutConnecting(@TempDir Path work) throws Exception {
        try (ServerSocket registry = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            registry.setSoTimeout(200);
            String base = "127.0.0.1:" + registry.getLocalPort() + "/never-pulled:1";
            Path archive = work.resolve("hello.tar");
            UnikernelException e = assertThrows(UnikernelException.class, () -> ScopedValue
                    .where(RegistryAccess.OFFLINE, true)
                    .call(() -> ImageBuilder.build(scratch(base), new ImageDestination.Archive(archive, "hello"), work,
                            true, log)));
            assertTrue(e.getMessage().startsWith("the base image " + base + " is not in jib's cache ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("and Maven is offline (-o): build once without -o to cache it, or leave"
                    + " <from> (-Dunikernel.from) empty to build from scratch"), e.getMessage());
            assertNoConnection(registry);
        }
    }

    @Test
    void fromScratchToAnArchiveNeedsNoNetwork(@TempDir Path work) throws Exception {
        Path archive = work.resolve("out/hello.tar");
        ImageBuilder.Result result = ScopedValue.where(RegistryAccess.OFFLINE, true)
                .call(() -> ImageBuilder.build(scratch(null), new ImageDestination.Archive(archive, "hello"), work,
                        false, log));
        assertTrue(result.digest().startsWith("sha256:"));
        assertTrue(archive.toFile().isFile());
        assertDoesNotThrow(() -> ImageBuilder.requireAvailableOffline(null, null));
    }

    @Test
    void onlineUnlessBound() {
        assertFalse(RegistryAccess.offline());
        AtomicInteger seen = new AtomicInteger();
        ScopedValue.where(RegistryAccess.OFFLINE, true).run(() -> seen.set(RegistryAccess.offline() ? 1 : 0));
        assertEquals(1, seen.get());
    }

    private static ImageSpec scratch(String from) {
        return new ImageSpec(from, "amd64", List.of(), List.of("/bin/true"), Map.of(), List.of(), List.of(),
                "65532:65532", "/", Map.of(), Instant.EPOCH);
    }

    /** Nothing knocked on the stand-in registry. */
    private static void assertNoConnection(ServerSocket registry) throws Exception {
        try (Socket accepted = registry.accept()) {
            throw new AssertionError("the build connected to the registry: " + accepted);
        } catch (java.net.SocketTimeoutException expected) {
            // no connection within 200 ms after the failure
        }
    }
}

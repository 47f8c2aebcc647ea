package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/web with its site compiled into the program (mirage's crunch), chosen by configuration
 * alone ({@code -Dunikernel.devices=site=embedded}): the same pages from a jar of the program on unix
 * (no --site, no host directory) and in the OCI image (no /files layer).
 */
class WebEmbeddedTest {

    private static final Path OUT = Examples.WEB.resolve("target/unikernel-embedded");

    @BeforeAll
    static void build() throws Exception {
        Command.maven(Examples.WEB, "-q", "unikernel:build", "-Dtarget=unix,oci", "-Dunikernel.devices=site=embedded",
                "-Dunikernel.outputDirectory=" + OUT).runOk(Duration.ofMinutes(10));
    }

    @Test
    void servesTheSiteFromItsOwnJarOnUnix(@TempDir Path work) throws Exception {
        assertTrue(Files.isRegularFile(OUT.resolve("unix/lib/unikernel-files.jar")), "no files jar in " + OUT);
        String main = Files.readString(OUT.resolve("unix/generated/unikernel/Main.java"));
        assertTrue(main.contains("KvDevices.embedded("), main);
        try (ServerProcess server = WebServer.start(OUT.resolve("unix/bin/web"), work, "--disk=" + work.resolve("disk.img"),
                "--create-size=16M")) {
            SiteChecks.servesTheSite(new Curl(work, server.port));
            assertEquals(0, server.stop(), server.output());
        }
    }

    @Test
    void servesTheSiteFromItsOwnJarInAContainer(@TempDir Path work) throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        int port = ServerProcess.freePort();
        List<String> command = List.of("bash", OUT.resolve("oci/run-web.sh").toString(), "--listen-address=127.0.0.1",
                "--port=" + port, "--create-size=16M");
        try (ServerProcess container = ServerProcess.launch(command, work, Map.of("OCI_DATA", data.toString()), port,
                WebServer.READY + "127.0.0.1:" + port, Duration.ofMinutes(2))) {
            SiteChecks.servesTheSite(new Curl(work, container.port));
            assertEquals(0, container.stop(), container.output());
        }
        assertFalse(Files.readString(OUT.resolve("oci/generated/unikernel/Main.java")).contains("directory("));
    }
}

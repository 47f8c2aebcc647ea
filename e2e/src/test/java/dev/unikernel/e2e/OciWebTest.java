package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/web as an OCI image run by runc through the generated run script: the site from its image
 * layer (the pom's {@code <files>}), the counters on a disk image it creates in the /data volume, the
 * access log sent out of the container to a collector named localhost (resolved with the container's /etc/hosts,
 * the host's); stopped with SIGTERM, then started again.
 */
class OciWebTest {

    private static final Path RUN = Examples.WEB.resolve("target/unikernel/oci/run-web.sh");

    @BeforeAll
    static void build() throws Exception {
        Examples.build(Examples.WEB, "oci");
        assertTrue(Files.isRegularFile(RUN), "no run script at " + RUN);
    }

    private static ServerProcess run(Path work, Path data, String... arguments) throws Exception {
        int port = ServerProcess.freePort();
        List<String> command = new java.util.ArrayList<>(List.of("bash", RUN.toString(), "--listen-address=127.0.0.1",
                "--port=" + port));
        command.addAll(List.of(arguments));
        return ServerProcess.launch(command, work, Map.of("OCI_DATA", data.toString()), port,
                WebServer.READY + "127.0.0.1:" + port, Duration.ofMinutes(2));
    }

    @Test
    void servesTheSiteFromItsLayerAndShipsItsLogOutOfTheContainer(@TempDir Path work) throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        // The container's user creates the disk image in /data (the run script gives it the volume).
        try (ServerSocket collector = SiteChecks.collector();
                ServerProcess container = run(work, data, "--create-size=16M",
                        "--access-log=localhost:" + collector.getLocalPort())) {
            Curl curl = new Curl(work, container.port);
            SiteChecks.servesTheSite(curl);
            SiteChecks.receives(collector, "GET /css/site.css 200 ");
            assertEquals(200, curl.get("/notes.txt").status());
            assertEquals(0, container.stop(), container.output());
        }
        Command.Result fsck = Command.of(work, "fsck.fat", "-n", data.resolve("disk.img").toString())
                .run(Duration.ofMinutes(2));
        assertEquals(0, fsck.exitCode(), fsck.output());
        try (ServerProcess container = run(work, data)) {
            String visits = new String(new Curl(work, container.port).get("/_visits").body(), StandardCharsets.UTF_8);
            // One GET of every file, then one more of notes.txt.
            assertTrue(visits.contains("2 /notes.txt\n"), visits);
            assertEquals(0, container.stop(), container.output());
        }
    }
}

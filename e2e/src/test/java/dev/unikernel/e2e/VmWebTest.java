package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/web as a micro-VM under qemu (TCG): the site baked into the initramfs (the pom's
 * {@code <files>}), served through the forwarded port; the access log sent out of the guest to a
 * collector on the host's 127.0.0.1 (10.0.2.2 from inside), named by a host name that the guest
 * resolves through the {@code dns} key's server (a test name server on the host); the visit counts on a blank virtio disk,
 * formatted by the fat provider, surviving a second boot and accepted by fsck.fat.
 */
class VmWebTest {

    private static final Path RUN_QEMU = Examples.WEB.resolve("target/unikernel/vm/run-qemu");

    @BeforeAll
    static void build() throws Exception {
        Examples.build(Examples.WEB, "vm");
        assertTrue(Files.isExecutable(RUN_QEMU), "no run-qemu at " + RUN_QEMU);
    }

    private static ServerProcess boot(Path work, Path disk, String... arguments) throws Exception {
        int port = ServerProcess.freePort();
        List<String> command = new java.util.ArrayList<>(List.of(RUN_QEMU.toString(), "--disk=" + disk,
                "--forward=" + port + ":80", "--memory=256M"));
        command.addAll(List.of(arguments));
        return ServerProcess.launch(command, work, Map.of("UNIKERNEL_ACCEL", "tcg"), port, WebServer.READY + "0.0.0.0:80",
                Duration.ofMinutes(5));
    }

    @Test
    void servesTheBakedSiteShipsItsLogOutAndKeepsCountsOnItsDisk(@TempDir Path work) throws Exception {
        Path disk = work.resolve("counters.img");
        try (RandomAccessFile blank = new RandomAccessFile(disk.toFile(), "rw")) {
            blank.setLength(16 << 20);
        }
        // The collector's name resolves through the guest's resolver: the dns key, then our name server.
        try (ServerSocket collector = SiteChecks.collector();
                TestNameServer dns = new TestNameServer(Map.of("collector.test", InetAddress.getByName("10.0.2.2")));
                ServerProcess vm = boot(work, disk, "--format-blank", "--dns=10.0.2.2", "--access-log=collector.test:" + collector.getLocalPort())) {
            Curl curl = new Curl(work, vm.port);
            SiteChecks.servesTheSite(curl);
            SiteChecks.receives(collector, " GET /css/site.css 200 ");
            assertTrue(dns.questions().contains("collector.test/1"), dns.questions().toString());
            for (int i = 0; i < 3; i++) {
                assertEquals(200, curl.get("/about/").status());
            }
            assertEquals(0, vm.stop(), vm.output());
            assertTrue(vm.output().contains("unikernel exit 0"), vm.output());
        }
        Command.Result fsck = Command.of(work, "fsck.fat", "-n", disk.toString()).run(Duration.ofMinutes(2));
        assertEquals(0, fsck.exitCode(), fsck.output());

        try (ServerProcess vm = boot(work, disk)) {
            String visits = new String(new Curl(work, vm.port).get("/_visits").body(), java.nio.charset.StandardCharsets.UTF_8);
            // One GET of every file, then three of /about/.
            assertTrue(visits.contains("4 /about/index.html\n"), visits);
            assertEquals(0, vm.stop(), vm.output());
        }
    }
}

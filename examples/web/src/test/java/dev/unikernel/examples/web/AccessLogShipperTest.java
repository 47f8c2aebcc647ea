package dev.unikernel.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.Network;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccessLogShipperTest {

    private static final Network LOOPBACK = InetAddress::getLoopbackAddress;

    @Test
    void hostAndPortAreParsedOrNamedInTheMessage() {
        assertEquals(new AccessLogShipper.Collector("127.0.0.1", 5140), AccessLogShipper.Collector.parse("access-log", "127.0.0.1:5140"));
        assertEquals(new AccessLogShipper.Collector("logs.example", 1), AccessLogShipper.Collector.parse("access-log", "logs.example:1"));
        assertEquals(new AccessLogShipper.Collector("::1", 9), AccessLogShipper.Collector.parse("access-log", "[::1]:9"));
        assertEquals("[::1]:9", AccessLogShipper.Collector.parse("access-log", "[::1]:9").toString());
        for (String bad : new String[] {"", "host", "host:", ":80", "host:http", "host:0", "host:65536", "::1:80"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AccessLogShipper.Collector.parse("access-log", bad), bad);
            assertEquals("key access-log: expected HOST:PORT of a TCP collector (e.g. 127.0.0.1:5140), not '" + bad + "'",
                    e.getMessage());
        }
    }

    @Test
    void linesArriveInOrderAndAFullQueueDropsInsteadOfWaiting() throws Exception {
        try (ServerSocket collector = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            AccessLogShipper shipper = new AccessLogShipper(LOOPBACK,
                    new AccessLogShipper.Collector("127.0.0.1", collector.getLocalPort()), 3);
            for (int i = 0; i < 5; i++) {
                shipper.log("line " + i + "\n"); // not started: the queue holds three
            }
            assertEquals(2, shipper.dropped());
            shipper.start();
            collector.setSoTimeout(10_000);
            try (Socket connection = collector.accept();
                    BufferedReader lines = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                            StandardCharsets.UTF_8))) {
                assertEquals("line 0", lines.readLine());
                assertEquals("line 1", lines.readLine());
                assertEquals("line 2", lines.readLine());
                shipper.log("last\n");
                shipper.close();
                assertEquals("last", lines.readLine(), "close sends what is queued");
            }
        }
    }

    @Test
    void anUnreachableCollectorNeitherBlocksLinesNorClose() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        AccessLogShipper shipper = new AccessLogShipper(LOOPBACK, new AccessLogShipper.Collector("127.0.0.1", port), 100);
        shipper.start();
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            shipper.log("line " + i + "\n");
        }
        shipper.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);
        // The shipper holds one batch (up to 256 lines) besides the 100 queued: the rest was dropped.
        assertTrue(shipper.dropped() >= 1000 - 100 - 256, "dropped " + shipper.dropped());
    }
}

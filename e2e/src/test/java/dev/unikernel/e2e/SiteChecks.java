package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What every target's examples/web must do, checked with curl the same way on each. */
final class SiteChecks {

    static final Path SITE = Examples.WEB.resolve("site");

    private SiteChecks() {
    }

    /** Every file of the site byte for byte with its length and type; validators that give 304. */
    static void servesTheSite(Curl curl) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SITE)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(files.size() >= 6, "the site: " + files);
        for (Path file : files) {
            String path = "/" + SITE.relativize(file).toString().replace('\\', '/');
            Curl.Response response = curl.get(path);
            assertEquals(200, response.status(), path);
            assertArrayEquals(Files.readAllBytes(file), response.body(), path);
            assertEquals(Long.toString(Files.size(file)), response.header("content-length"), path);
            assertNotNull(response.header("etag"), path);
            assertNotNull(response.header("last-modified"), path);
        }
        assertEquals("text/html; charset=utf-8", curl.get("/").header("content-type"));
        assertEquals("image/png", curl.get("/images/logo.png").header("content-type"));
        Curl.Response css = curl.get("/css/site.css");
        assertEquals("text/css; charset=utf-8", css.header("content-type"));
        Curl.Response byTag = curl.get("/css/site.css", "-H", "If-None-Match: " + css.header("etag"));
        assertEquals(304, byTag.status());
        assertEquals(0, byTag.body().length);
        assertEquals(304, curl.get("/css/site.css", "-H", "If-Modified-Since: " + css.header("last-modified")).status());
        assertEquals(404, curl.get("/../pom.xml").status());
    }

    /** A TCP collector on 127.0.0.1 for the access log, the server the unikernel connects out to. */
    static ServerSocket collector() throws Exception {
        ServerSocket collector = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        collector.setSoTimeout(60_000);
        return collector;
    }

    /** Waits for the unikernel's connection and reads lines until one contains {@code expected}. */
    static void receives(ServerSocket collector, String expected) throws Exception {
        try (Socket connection = collector.accept()) {
            connection.setSoTimeout(60_000);
            BufferedReader lines = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = lines.readLine(); ; line = lines.readLine()) {
                assertTrue(line != null, "the access log ended without a line containing '" + expected + "'");
                if (line.contains(expected)) {
                    return;
                }
            }
        }
    }
}

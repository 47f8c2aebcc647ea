package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/web on the unix target, tested from outside with curl: every file of examples/web/site
 * served byte for byte with its type and validators, conditional requests, paths that try to leave
 * the site, the access log arriving at a TCP collector, and the visit counts surviving a restart on
 * the same FAT16 disk image, which fsck.fat then accepts.
 */
class WebExampleTest {

    private static final Path WEB = Examples.WEB;
    private static final Path LAUNCHER = WEB.resolve("target/unikernel/unix/bin/web");
    private static final Path SITE = WEB.resolve("site");

    @BeforeAll
    static void build() throws Exception {
        Examples.build(WEB, "unix");
        assertTrue(Files.isExecutable(LAUNCHER), "no launcher at " + LAUNCHER);
    }

    @Test
    void helpListsTheApplicationsKeysAndThoseOfItsDevices() throws Exception {
        String help = Command.of(WEB, LAUNCHER.toString(), "--help").runOk(Duration.ofMinutes(1));
        for (String key : List.of("--port", "--access-log", "--site", "--disk", "--create-size", "--counters-folder",
                "--listen-address")) {
            assertTrue(help.contains(key), key + " missing from:\n" + help);
        }
        assertTrue(help.contains("(default: 8080)"), help);
    }

    @Test
    void startupProblemsEndWithOneClearLineAndExitCodeOne(@TempDir Path work) throws Exception {
        Path disk = work.resolve("disk.img");
        Command.Result badCollector = run(work, "--site=" + SITE, "--disk=" + disk, "--create-size=16M",
                "--access-log=127.0.0.1");
        assertEquals(1, badCollector.exitCode(), badCollector.output());
        assertTrue(badCollector.output().endsWith("web: key access-log: expected HOST:PORT of a TCP collector"
                + " (e.g. 127.0.0.1:5140), not '127.0.0.1'\n"), badCollector.output());

        Command.Result noSite = run(work, "--site=" + work.resolve("no-such-site"), "--disk=" + disk);
        assertEquals(1, noSite.exitCode(), noSite.output());
        assertTrue(noSite.output().contains("no such directory"), noSite.output());

        try (ServerProcess server = WebServer.start(LAUNCHER, work, "--site=" + SITE, "--disk=" + disk)) {
            Command.Result portInUse = run(work, "--port=" + server.port, "--site=" + SITE,
                    "--disk=" + work.resolve("other.img"), "--create-size=16M");
            assertEquals(1, portInUse.exitCode(), portInUse.output());
            assertTrue(portInUse.output().contains("web: cannot listen on /127.0.0.1:" + server.port), portInUse.output());
            assertEquals(0, server.stop(), server.output());
        }
    }

    /** Runs the launcher to its end (on a free port unless one is given). */
    private static Command.Result run(Path work, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        if (Stream.of(arguments).noneMatch(argument -> argument.startsWith("--port="))) {
            command.add("--port=" + ServerProcess.freePort());
        }
        command.addAll(List.of(arguments));
        return new Command(command, work, Map.of()).run(Duration.ofMinutes(1));
    }

    @Test
    void servesEveryFileOfTheSiteWithItsTypeAndValidators(@TempDir Path work) throws Exception {
        try (ServerProcess server = WebServer.start(LAUNCHER, work, "--site=" + SITE, "--disk=" + work.resolve("disk.img"),
                "--create-size=16M")) {
            Curl curl = new Curl(work, server.port);
            // Every file byte for byte with its length and validators, then what only this test looks at.
            SiteChecks.servesTheSite(curl);
            assertEquals("text/html; charset=utf-8", curl.get("/index.html").header("content-type"));
            assertEquals("text/css; charset=utf-8", curl.get("/css/site.css").header("content-type"));
            assertEquals("image/png", curl.get("/images/logo.png").header("content-type"));
            assertEquals("image/svg+xml; charset=utf-8", curl.get("/images/stack.svg").header("content-type"));
            assertEquals("text/plain; charset=utf-8", curl.get("/notes.txt").header("content-type"));

            // A folder's path serves its index.html; without its slash it is redirected to it.
            assertArrayEquals(Files.readAllBytes(SITE.resolve("index.html")), curl.get("/").body());
            assertArrayEquals(Files.readAllBytes(SITE.resolve("about/index.html")), curl.get("/about/").body());
            Curl.Response about = curl.get("/about");
            assertEquals(301, about.status());
            assertEquals("/about/", about.header("location"));

            // The validators: a matching entity tag or an unchanged date is 304, without a body.
            Curl.Response css = curl.get("/css/site.css");
            Curl.Response byTag = curl.get("/css/site.css", "-H", "If-None-Match: " + css.header("etag"));
            assertEquals(304, byTag.status());
            assertEquals(0, byTag.body().length);
            assertEquals(css.header("etag"), byTag.header("etag"));
            assertEquals(304, curl.get("/css/site.css", "-H", "If-None-Match: \"x\", W/" + css.header("etag")).status());
            Curl.Response byDate = curl.get("/css/site.css", "-H", "If-Modified-Since: " + css.header("last-modified"));
            assertEquals(304, byDate.status());
            assertEquals(0, byDate.body().length);
            assertEquals(200, curl.get("/css/site.css", "-H", "If-None-Match: \"other\"",
                    "-H", "If-Modified-Since: " + css.header("last-modified")).status(), "If-None-Match decides");
            assertEquals(200, curl.get("/css/site.css", "-H", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT").status());

            // HEAD: GET's headers, and no body at all (read on a raw connection, where a stray body would show).
            Curl.Response head = curl.get("/images/logo.png", "--head");
            assertEquals(200, head.status());
            assertEquals(Long.toString(Files.size(SITE.resolve("images/logo.png"))), head.header("content-length"));
            assertEquals("image/png", head.header("content-type"));
            String raw = rawRequest(server.port, "HEAD /images/logo.png HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
            assertTrue(raw.endsWith("\r\n\r\n"), "a HEAD response ends with its headers:\n" + raw);

            // Other methods, missing files, and paths that try to leave the site (examples/web/pom.xml is right there).
            Curl.Response post = curl.get("/index.html", "-X", "POST", "--data", "x");
            assertEquals(405, post.status());
            assertEquals("GET, HEAD", post.header("allow"));
            Curl.Response missing = curl.get("/no-such-page.html");
            assertEquals(404, missing.status());
            assertTrue(new String(missing.body(), StandardCharsets.UTF_8).startsWith("404 not found"));
            String pom = Files.readString(WEB.resolve("pom.xml"));
            for (String escape : List.of("/../pom.xml", "/css/../../pom.xml", "/%2e%2e/pom.xml", "/css/..%2f..%2fpom.xml",
                    "/..%5cpom.xml", "//etc/passwd", "/%2fetc%2fpasswd", "/site/../../pom.xml")) {
                Curl.Response response = curl.get(escape);
                assertTrue(response.status() == 404 || response.status() == 400, escape + ": " + response.status());
                String body = new String(response.body(), StandardCharsets.UTF_8);
                assertFalse(body.contains("<project") || body.contains("root:"), escape + " served " + body);
            }
            assertEquals(400, curl.get("/%ff.html").status(), "not UTF-8");

            assertEquals(0, server.stop(), server.output());
        }
    }

    @Test
    void shipsOneAccessLogLinePerRequestAndReconnectsWhenTheCollectorDrops(@TempDir Path work) throws Exception {
        try (ServerSocket collector = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                ServerProcess server = WebServer.start(LAUNCHER, work, "--site=" + SITE, "--disk=" + work.resolve("disk.img"),
                        "--create-size=16M", "--access-log=127.0.0.1:" + collector.getLocalPort())) {
            assertTrue(server.output().contains("access log to 127.0.0.1:" + collector.getLocalPort()), server.output());
            Curl curl = new Curl(work, server.port);
            long cssSize = Files.size(SITE.resolve("css/site.css"));
            assertEquals(200, curl.get("/css/site.css").status());
            assertEquals(404, curl.get("/missing.html").status());
            collector.setSoTimeout(15_000);
            try (Socket connection = collector.accept()) {
                connection.setSoTimeout(15_000);
                BufferedReader lines = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals("127.0.0.1 GET /css/site.css 200 " + cssSize, lines.readLine());
                assertEquals("127.0.0.1 GET /missing.html 404 " + ("404 not found: /missing.html\n").length(),
                        lines.readLine());
                assertEquals(200, curl.get("/", "--head").status());
                assertEquals("127.0.0.1 HEAD / 200 0", lines.readLine());
            }
            // The collector dropped the connection: requests keep being served, and a new connection comes.
            collector.setSoTimeout(500);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Socket again = null;
            while (again == null) {
                assertTrue(System.nanoTime() < deadline, "no new connection from the shipper:\n" + server.output());
                assertEquals(200, curl.get("/about/").status());
                try {
                    again = collector.accept();
                } catch (SocketTimeoutException notYet) {
                    // request again
                }
            }
            try (Socket connection = again) {
                connection.setSoTimeout(15_000);
                BufferedReader lines = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                        StandardCharsets.UTF_8));
                String line = lines.readLine();
                assertTrue(line != null && line.startsWith("127.0.0.1 GET /about/ 200 "), line);
            }
            assertEquals(0, server.stop(), server.output());
            String log = server.output();
            assertEquals(1, log.lines().filter(l -> l.contains("access log: cannot send")).count(),
                    "one failure streak, logged once:\n" + log);
        }
    }

    @Test
    void countsVisitsAcrossRestartsOnTheSameDiskImage(@TempDir Path work) throws Exception {
        Path disk = work.resolve("counters.img");
        try (ServerProcess server = WebServer.start(LAUNCHER, work, "--site=" + SITE, "--disk=" + disk, "--create-size=16M")) {
            Curl curl = new Curl(work, server.port);
            for (int i = 0; i < 7; i++) {
                assertEquals(200, curl.get("/about/").status());
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(200, curl.get("/").status());
            }
            assertEquals(404, curl.get("/missing.html").status());
            assertEquals("7 /about/index.html\n3 /index.html\n", curl.text("/_visits"));
            assertEquals(0, server.stop(), server.output());
            assertTrue(server.output().contains("visit counts saved"), server.output());
        }
        fsckAccepts(work, disk, false);

        // The counts are back after a clean stop; the periodic save (every 5 s) keeps them through a crash too.
        try (ServerProcess server = WebServer.start(LAUNCHER, work, "--site=" + SITE, "--disk=" + disk)) {
            Curl curl = new Curl(work, server.port);
            assertEquals("7 /about/index.html\n3 /index.html\n", curl.text("/_visits"));
            assertEquals(200, curl.get("/about/").status());
            assertEquals(200, curl.get("/notes.txt").status());
            Thread.sleep(6_500);
            server.kill();
        }
        try (ServerProcess server = WebServer.start(LAUNCHER, work, "--site=" + SITE, "--disk=" + disk)) {
            Curl curl = new Curl(work, server.port);
            assertEquals("8 /about/index.html\n3 /index.html\n1 /notes.txt\n", curl.text("/_visits"));
            assertEquals(0, server.stop(), server.output());
        }
        // The crash may have left the clusters of the value the last save replaced allocated: FAT16 frees
        // them one barrier after the rename, and none came before the kill. A leak, never a damaged file.
        fsckAccepts(work, disk, true);
    }

    /** fsck.fat -n finds nothing to repair (or, with {@code leaksAllowed}, only unused clusters to reclaim). */
    private static void fsckAccepts(Path work, Path disk, boolean leaksAllowed) throws Exception {
        String fsck = Files.isExecutable(Path.of("/usr/sbin/fsck.fat")) ? "/usr/sbin/fsck.fat" : "fsck.fat";
        Command.Result result = Command.of(work, fsck, "-n", disk.toString()).run(Duration.ofMinutes(2));
        if (result.exitCode() != 0 && leaksAllowed) {
            List<String> problems = result.output().lines().filter(line -> !line.isBlank()
                    && !line.startsWith("fsck.fat ") && !line.startsWith(disk + ":")
                    && !line.matches("Reclaimed \\d+ unused clusters? \\(\\d+ bytes\\)\\.")
                    && !line.equals("Leaving filesystem unchanged.")).toList();
            assertEquals(List.of(), problems, result.output());
            return;
        }
        assertEquals(0, result.exitCode(), result.output());
    }

    /** Sends {@code request} as it is and reads the whole answer, until the server closes the connection. */
    private static String rawRequest(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}

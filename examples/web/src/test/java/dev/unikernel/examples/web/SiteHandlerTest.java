package dev.unikernel.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler behind a real HttpServer on the loopback address, over a store in memory. */
class SiteHandlerTest {

    private final MemoryStore site = new MemoryStore().with("index.html", "<h1>home</h1>")
            .with("about/index.html", "<p>about</p>").with("css/site.css", "body{}").with("empty.txt", "");
    private final VisitCounters counters = new VisitCounters(new MemoryStore());
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private ExecutorService executor;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", new SiteHandler(site, counters, null));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.close();
        client.close();
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesValuesWithTypeLengthAndValidators() throws Exception {
        HttpResponse<String> home = send("GET", "/");
        assertEquals(200, home.statusCode());
        assertEquals("<h1>home</h1>", home.body());
        assertEquals("text/html; charset=utf-8", home.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("13", home.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("Tue, 04 Mar 2025 05:06:07 GMT", home.headers().firstValue("Last-Modified").orElseThrow());
        assertEquals('"' + site.info("index.html").orElseThrow().digest() + '"',
                home.headers().firstValue("ETag").orElseThrow());
        assertEquals("<p>about</p>", send("GET", "/about/").body());
        assertEquals("text/css; charset=utf-8", send("GET", "/css/site.css").headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> empty = send("GET", "/empty.txt");
        assertEquals(200, empty.statusCode());
        assertEquals("0", empty.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void conditionalRequestsGet304WithoutBody() throws Exception {
        String tag = send("GET", "/").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> byTag = send("GET", "/", "If-None-Match", "\"other\", W/" + tag);
        assertEquals(304, byTag.statusCode());
        assertEquals("", byTag.body());
        assertEquals(tag, byTag.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, send("GET", "/", "If-Modified-Since", "Tue, 04 Mar 2025 05:06:07 GMT").statusCode());
        assertEquals(200, send("GET", "/", "If-Modified-Since", "Tue, 04 Mar 2025 05:06:06 GMT").statusCode());
        assertEquals(200, send("GET", "/", "If-None-Match", "\"other\"",
                "If-Modified-Since", "Tue, 04 Mar 2025 05:06:07 GMT").statusCode());
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() throws Exception {
        HttpResponse<String> head = send("HEAD", "/css/site.css");
        assertEquals(200, head.statusCode());
        assertEquals("6", head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("", head.body());
    }

    @Test
    void aChangedValueIsServedWithItsNewTag() throws Exception {
        HttpResponse<String> before = send("GET", "/css/site.css");
        site.with("css/site.css", "body{color:red}");
        HttpResponse<String> after = send("GET", "/css/site.css", "If-None-Match", before.headers().firstValue("ETag").orElseThrow());
        assertEquals(200, after.statusCode());
        assertEquals("body{color:red}", after.body());
        assertEquals(304, send("GET", "/css/site.css", "If-None-Match", after.headers().firstValue("ETag").orElseThrow())
                .statusCode());
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        HttpResponse<String> post = send("POST", "/");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        assertEquals(405, send("DELETE", "/index.html").statusCode());
    }

    @Test
    void missingValuesBadKeysAndBadEncodingsNeverServeAValue() throws Exception {
        HttpResponse<String> missing = send("GET", "/nothing.html");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().startsWith("404 not found"), missing.body());
        assertEquals(404, send("GET", "/../index.html").statusCode());
        assertEquals(404, send("GET", "/%2e%2e/index.html").statusCode());
        assertEquals(404, send("GET", "/css/..%2F..%2Findex.html").statusCode());
        assertEquals(404, send("GET", "//index.html").statusCode());
        assertEquals(400, send("GET", "/%ff.html").statusCode(), "not UTF-8");
        assertEquals(400, send("GET", "/a%00b").statusCode());
    }

    @Test
    void aFolderWithoutItsSlashIsRedirected() throws Exception {
        HttpResponse<String> about = send("GET", "/about");
        assertEquals(301, about.statusCode());
        assertEquals("/about/", about.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void getsOfValuesAreCountedAndListed() throws Exception {
        send("GET", "/");
        send("GET", "/index.html");
        send("GET", "/about/");
        send("HEAD", "/about/");
        send("GET", "/missing");
        HttpResponse<String> visits = send("GET", "/_visits");
        assertEquals("text/plain; charset=utf-8", visits.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("1 /about/index.html\n2 /index.html\n", visits.body());
    }
}

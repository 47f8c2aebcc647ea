#if( $starter == "web" )
package ${package};

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.unikernel.api.Application;
import dev.unikernel.api.Key;
import dev.unikernel.api.KeyValueStore;
import dev.unikernel.api.Network;
import dev.unikernel.api.ValueInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A static web site server. Its one public constructor is its device graph: {@code site} is a read-only
 * key-value store (the pom's unikernel-kv provides it: on unix a host directory, {@code --site=DIR}; on vm
 * and oci the directory {@code site/} the build bakes in), {@code network} the target's TCP/IP, and
 * {@code port} a key read at boot. {@code mvn unikernel:describe} draws the graph.
 */
public final class ${applicationClass} implements Application {

    /** The Content-Type of a value by its name's extension; any other is sent as plain bytes. */
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "txt", "text/plain; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "jpg", "image/jpeg", "ico", "image/x-icon");

    /** One answer to a request: its status, headers and body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
    }

    private final KeyValueStore site;
    private final Network network;
    private final int port;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public ${applicationClass}(KeyValueStore site, Network network,
            @Key(name = "port", defaultValue = "8080", doc = "TCP port the web server listens on") int port) {
        this.site = site;
        this.network = network;
        this.port = port;
    }

    /** Serves until stop() is called (Ctrl-C, SIGTERM, the VM's shutdown), one virtual thread per request. */
    @Override
    public int run() throws Exception {
        HttpServer server = HttpServer.create(network.listenAddress(port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        try {
            System.out.println("serving http://" + server.getAddress().getAddress().getHostAddress() + ":"
                    + server.getAddress().getPort() + "/ (files in the site: " + site.keys().size() + ")");
            stopRequested.await();
        } finally {
            server.stop(1); // lets requests under way finish for up to a second
        }
        return 0;
    }

    @Override
    public void stop() {
        stopRequested.countDown();
    }

    /** The answer to a request: a GET or HEAD of a value of the site, {@code /} naming {@code index.html}. */
    Response respond(String method, String path, String ifNoneMatch) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return text(405, "405 method not allowed: " + method);
        }
        if (path == null || !path.startsWith("/")) {
            return text(404, "404 not found: " + path);
        }
        String key = path.endsWith("/") ? path.substring(1) + "index.html" : path.substring(1);
        try {
            Optional<ValueInfo> info = site.info(key);
            if (info.isPresent()) {
                String etag = '"' + info.get().digest() + '"'; // changes whenever the bytes do
                if (etag.equals(ifNoneMatch)) {
                    return new Response(304, Map.of("ETag", etag), new byte[0]); // the client's copy is current
                }
                return new Response(200, Map.of("Content-Type", contentType(key), "ETag", etag), site.read(key));
            }
        } catch (IllegalArgumentException | NoSuchFileException notAValue) {
            // a key the store refuses ("..", an empty segment), or a file removed meanwhile
        }
        return text(404, "404 not found: " + path);
    }

    static String contentType(String key) {
        return TYPES.getOrDefault(key.substring(key.lastIndexOf('.') + 1), "application/octet-stream");
    }

    private static Response text(int status, String text) {
        return new Response(status, Map.of("Content-Type", TYPES.get("txt")),
                (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) { // closing the exchange ends the response
            String method = exchange.getRequestMethod();
            Response response = respond(method, exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("If-None-Match"));
            response.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = response.body();
            if (method.equals("HEAD") || body.length == 0) { // a HEAD's answer, a 304 and an empty value have no body
                if (body.length > 0) {
                    exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
                }
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                exchange.sendResponseHeaders(response.status(), body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }
}
#else
package ${package};

import dev.unikernel.api.Application;
import dev.unikernel.api.Clock;
import dev.unikernel.api.Entropy;
import dev.unikernel.api.Key;
import java.util.HexFormat;

/**
 * A unikernel. Its one public constructor is its device graph: every parameter is a device the
 * target provides (here the clock and entropy) or a key read at boot (here {@code name}). Ask for a
 * {@code Disk}, {@code BlockDevice} or {@code Network} the same way, and the plugin wires the
 * target's implementation in; {@code mvn unikernel:describe} draws the graph.
 */
public final class ${applicationClass} implements Application {

    private final String name;
    private final Clock clock;
    private final Entropy entropy;

    public ${applicationClass}(@Key(name = "name", doc = "who to greet", defaultValue = "world") String name,
            Clock clock, Entropy entropy) {
        this.name = name;
        this.clock = clock;
        this.entropy = entropy;
    }

    /** The program: its return value is the exit code (on vm, the VM's). */
    @Override
    public int run() {
        System.out.println(greeting());
        return 0;
    }

    String greeting() {
        byte[] nonce = new byte[4];
        entropy.nextBytes(nonce);
        return "Hello, " + name + "! It is " + clock.now() + "; your lucky number is "
                + HexFormat.of().formatHex(nonce) + ".";
    }
}
#end

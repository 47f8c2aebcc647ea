package dev.unikernel.examples.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.unikernel.api.KeyValueStore;
import dev.unikernel.api.ValueInfo;
import dev.unikernel.examples.web.Representations.Representation;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * Answers every request: a GET or HEAD of a path is the site's value of that key ({@link SitePaths}),
 * with its type, length and validators, or {@code 304} when the client's copy is current
 * ({@link ConditionalRequest}); {@code /_visits} lists the hit counts. Each answer is counted and,
 * when an access log is shipped, becomes one line of it.
 */
final class SiteHandler implements HttpHandler {

    static final String VISITS_PATH = "/_visits";

    private static final System.Logger LOG = System.getLogger(SiteHandler.class.getName());
    private static final String TEXT = "text/plain; charset=utf-8";

    private final KeyValueStore site;
    private final Representations representations;
    private final VisitCounters counters;
    private final AccessLogShipper accessLog; // null when off

    SiteHandler(KeyValueStore site, VisitCounters counters, AccessLogShipper accessLog) {
        this.site = site;
        this.representations = new Representations(site);
        this.counters = counters;
        this.accessLog = accessLog;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            long sent;
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sent = sendText(exchange, 405, "405 method not allowed: " + method + "\n");
            } else if (VISITS_PATH.equals(path)) {
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                sent = sendText(exchange, 200, visits());
            } else {
                sent = serve(exchange, path);
            }
            if (accessLog != null) {
                accessLog.log(exchange.getRemoteAddress().getAddress().getHostAddress() + ' ' + method + ' ' + path
                        + ' ' + exchange.getResponseCode() + ' ' + sent + '\n');
            }
        }
    }

    /** Serves the value {@code path} names; returns the body bytes sent. */
    private long serve(HttpExchange exchange, String path) throws IOException {
        String key;
        try {
            key = SitePaths.key(path);
        } catch (IllegalArgumentException badPath) {
            return sendText(exchange, 400, "400 bad request: " + badPath.getMessage() + "\n");
        }
        Optional<ValueInfo> found;
        try {
            found = site.info(key);
            if (found.isEmpty() && !key.endsWith(SitePaths.INDEX) && site.info(key + "/" + SitePaths.INDEX).isPresent()) {
                // A folder asked for without its slash: relative links of its index need the slash.
                exchange.getResponseHeaders().set("Location", path + "/");
                return sendText(exchange, 301, "301 moved permanently to " + path + "/\n");
            }
        } catch (IllegalArgumentException notAKey) {
            found = Optional.empty(); // "..", an empty segment: no value of the site has that name
        } catch (IOException storeFailed) {
            return storeFailed(exchange, key, storeFailed);
        }
        if (found.isEmpty()) {
            return notFound(exchange, path);
        }
        Representation value = representations.of(key, found.get());
        Headers headers = exchange.getResponseHeaders();
        headers.set("ETag", value.entityTag());
        headers.set("Last-Modified", value.lastModified());
        Headers request = exchange.getRequestHeaders();
        if (ConditionalRequest.notModified(joined(request.get("If-None-Match")), request.getFirst("If-Modified-Since"),
                value.entityTag(), value.info().lastModified())) {
            count(exchange, key);
            exchange.sendResponseHeaders(304, -1);
            return 0;
        }
        byte[] body;
        try {
            body = representations.body(key, value);
        } catch (IOException readFailed) {
            headers.remove("ETag");
            headers.remove("Last-Modified");
            return readFailed instanceof NoSuchFileException ? notFound(exchange, path) // removed meanwhile
                    : storeFailed(exchange, key, readFailed);
        }
        headers.set("Content-Type", value.contentType());
        count(exchange, key);
        return send(exchange, 200, body);
    }

    private void count(HttpExchange exchange, String key) {
        if (exchange.getRequestMethod().equals("GET")) {
            counters.hit("/" + key);
        }
    }

    private String visits() {
        StringBuilder text = new StringBuilder();
        counters.snapshot().forEach((path, count) -> text.append(count).append(' ').append(path).append('\n'));
        return text.toString();
    }

    private static long storeFailed(HttpExchange exchange, String key, IOException e) throws IOException {
        LOG.log(Level.WARNING, "cannot read " + key + " from the site: " + e.getMessage());
        return sendText(exchange, 500, "500 internal server error\n");
    }

    private static long notFound(HttpExchange exchange, String path) throws IOException {
        return sendText(exchange, 404, "404 not found: " + path + "\n");
    }

    private static long sendText(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", TEXT);
        return send(exchange, status, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends the status, {@code Content-Length} and, unless the request is a HEAD, the body; returns the
     * body bytes sent. (HttpServer takes -1 for "no body", 0 for "chunked".)
     */
    private static long send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return 0;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return body.length;
    }

    private static String joined(List<String> values) {
        return values == null ? null : String.join(",", values);
    }
}

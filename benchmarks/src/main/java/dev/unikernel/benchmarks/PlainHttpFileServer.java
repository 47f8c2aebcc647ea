package dev.unikernel.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The peer for the web benchmark: the JDK's HttpServer serving a host directory as a user of the
 * JDK would write it, reading each file per request, with the same executor (virtual threads) as
 * examples/web. Usage: PORT DIRECTORY. Listens on 127.0.0.1 only; runs until killed.
 */
public final class PlainHttpFileServer {

    private PlainHttpFileServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PlainHttpFileServer PORT DIRECTORY");
            System.exit(2);
        }
        Path root = Path.of(args[1]).toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> serve(root, exchange));
        server.start();
        System.out.println("plain JDK HTTP server ready on 127.0.0.1:" + args[0]);
        new CountDownLatch(1).await();
    }

    private static void serve(Path root, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.substring(1) + (path.endsWith("/") ? "index.html" : "")).normalize();
            byte[] body;
            try {
                body = file.startsWith(root) ? Files.readAllBytes(file) : null;
            } catch (NoSuchFileException e) {
                body = null;
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", path.endsWith(".css") ? "text/css" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

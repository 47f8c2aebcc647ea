package dev.unikernel.examples.web;

import com.sun.net.httpserver.HttpServer;
import dev.unikernel.api.Application;
import dev.unikernel.api.Clock;
import dev.unikernel.api.Key;
import dev.unikernel.api.KeyValueStore;
import dev.unikernel.api.Network;
import dev.unikernel.api.WritableKeyValueStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A static web site server: serves the values of a read-only store (the site) over HTTP/1.1 with the
 * JDK's HttpServer, one virtual thread per request, and keeps each page's hit count in a writable
 * store (the counters). Where both live is configuration: the pom's {@code <devices>} makes the
 * counters a folder of a FAT16 disk ({@code counters=kv(volume)}, {@code volume=fat(disk)}), and on
 * unix the site is a host directory ({@code --site=DIR}).
 */
public final class WebUnikernel implements Application {

    private static final System.Logger LOG = System.getLogger(WebUnikernel.class.getName());
    private static final Duration SAVE_INTERVAL = Duration.ofSeconds(5);
    /** How long a stop lets requests under way finish. */
    private static final int STOP_DELAY_SECONDS = 1;

    private final KeyValueStore site;
    private final WritableKeyValueStore counters;
    private final Network network;
    private final Clock clock;
    private final int port;
    private final Optional<AccessLogShipper.Collector> accessLog;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public WebUnikernel(KeyValueStore site, WritableKeyValueStore counters, Network network, Clock clock,
            @Key(name = "port", doc = "TCP port the HTTP server listens on", defaultValue = "8080") int port,
            @Key(name = "access-log", doc = "HOST:PORT of a TCP collector that receives one line per request (off by default)")
                    Optional<String> accessLog) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("key port: " + port + " is not a TCP port (0 to 65535)");
        }
        this.site = site;
        this.counters = counters;
        this.network = network;
        this.clock = clock;
        this.port = port;
        this.accessLog = accessLog.map(text -> AccessLogShipper.Collector.parse("access-log", text));
    }

    @Override
    public int run() throws Exception {
        long start = clock.monotonicNanos();
        int values = site.keys().size();
        VisitCounters visits = new VisitCounters(counters);
        visits.load();
        AccessLogShipper shipper = accessLog
                .map(collector -> new AccessLogShipper(network, collector, AccessLogShipper.QUEUE_LINES)).orElse(null);
        HttpServer server = listen(network.listenAddress(port));
        ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
        try {
            server.createContext("/", new SiteHandler(site, visits, shipper));
            server.setExecutor(requests);
            if (shipper != null) {
                shipper.start();
            }
            visits.startSaving(SAVE_INTERVAL);
            server.start();
            InetSocketAddress address = server.getAddress();
            LOG.log(Level.INFO, "web server ready on " + address.getAddress().getHostAddress() + ":" + address.getPort()
                    + " (" + values + " values) in " + (clock.monotonicNanos() - start) / 1_000_000 + " ms"
                    + accessLog.map(collector -> "; access log to " + collector).orElse(""));
            stopRequested.await();
            LOG.log(Level.INFO, "stopping: finishing requests and saving the visit counts");
        } finally {
            server.stop(STOP_DELAY_SECONDS); // then closes every connection, so no request is left waiting
            requests.shutdownNow();
            requests.awaitTermination(STOP_DELAY_SECONDS, TimeUnit.SECONDS);
            if (shipper != null) {
                shipper.close();
            }
            visits.close();
        }
        LOG.log(Level.INFO, "visit counts saved; stopped");
        return 0;
    }

    private static HttpServer listen(InetSocketAddress address) throws IOException {
        try {
            return HttpServer.create(address, 1024);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        stopRequested.countDown();
    }
}

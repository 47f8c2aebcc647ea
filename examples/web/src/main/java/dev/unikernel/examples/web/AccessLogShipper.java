package dev.unikernel.examples.web;

import dev.unikernel.api.Network;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ships one line per request to a TCP collector over one connection, from a virtual thread of its own.
 * A request only offers its line to a bounded queue: when the queue is full (the collector is slow or
 * gone) the line is dropped and counted, never waited for. A failed connection is made again with a
 * growing pause, and each streak of failures is logged once.
 */
final class AccessLogShipper implements AutoCloseable {

    static final int QUEUE_LINES = 10_000;

    private static final System.Logger LOG = System.getLogger(AccessLogShipper.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    private static final int LINES_PER_WRITE = 1024;
    /** After a write that emptied the queue, lines gather this long: fewer, larger writes under load. */
    private static final Duration GATHER = Duration.ofMillis(20);

    /** Where the lines go: the value of the key {@code access-log}. */
    record Collector(String host, int port) {

        /** {@code HOST:PORT} ({@code [v6-address]:PORT} for an IPv6 literal). */
        static Collector parse(String key, String text) {
            int colon = text.lastIndexOf(':');
            String host = colon > 0 ? text.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                host = ""; // an IPv6 literal needs its brackets
            }
            int port = -1;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                // reported below
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("key " + key + ": expected HOST:PORT of a TCP collector"
                        + " (e.g. 127.0.0.1:5140), not '" + text + "'");
            }
            return new Collector(host, port);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private final Network network;
    private final Collector collector;
    private final int capacity;
    private final BlockingQueue<String> queue;
    private final LongAdder dropped = new LongAdder();
    private final CountDownLatch closing = new CountDownLatch(1);
    private Thread thread;

    AccessLogShipper(Network network, Collector collector, int capacity) {
        this.network = network;
        this.collector = collector;
        this.capacity = capacity;
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    void start() {
        thread = Thread.ofVirtual().name("access-log").start(this::ship);
    }

    /** Queues one line (ending in a newline); drops it when the queue is full. */
    void log(String line) {
        if (!queue.offer(line)) {
            dropped.increment();
        }
    }

    /** Lines dropped so far because the queue was full. */
    long dropped() {
        return dropped.sum();
    }

    private void ship() {
        SocketChannel channel = null;
        ByteBuffer pending = null;
        Duration pause = FIRST_PAUSE;
        boolean failing = false;
        try {
            while (true) {
                if (pending == null) {
                    String line = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (line == null) {
                        if (closing.getCount() == 0) {
                            return; // closing, and everything queued was sent
                        }
                        continue;
                    }
                    pending = batch(line);
                }
                try {
                    if (channel == null) {
                        channel = network.connect(collector.host(), collector.port(), CONNECT_TIMEOUT);
                        if (failing) {
                            LOG.log(Level.INFO, "access log: connected to " + collector + " again (" + dropped()
                                    + " lines dropped so far)");
                        }
                        failing = false;
                        pause = FIRST_PAUSE;
                    }
                    while (pending.hasRemaining()) {
                        channel.write(pending);
                    }
                    pending = null;
                    if (queue.isEmpty()) {
                        closing.await(GATHER.toMillis(), TimeUnit.MILLISECONDS); // not at all once closing
                    }
                } catch (IOException e) {
                    closeQuietly(channel);
                    channel = null;
                    pending.rewind(); // sent again whole on the next connection
                    if (!failing) {
                        LOG.log(Level.WARNING, "access log: cannot send to " + collector + " (" + e.getMessage()
                                + "); retrying, and dropping lines while " + capacity + " wait");
                        failing = true;
                    }
                    if (closing.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                        return; // closing while the collector cannot be reached: what is queued is dropped
                    }
                    pause = pause.multipliedBy(2);
                    if (pause.compareTo(LONGEST_PAUSE) > 0) {
                        pause = LONGEST_PAUSE;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(channel);
        }
    }

    /** {@code first} and what else is queued right now, up to {@link #LINES_PER_WRITE} lines. */
    private ByteBuffer batch(String first) {
        StringBuilder text = new StringBuilder(first);
        for (int i = 1; i < LINES_PER_WRITE; i++) {
            String line = queue.poll();
            if (line == null) {
                break;
            }
            text.append(line);
        }
        return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** Sends what is queued (for up to two seconds), then closes the connection. */
    @Override
    public void close() {
        closing.countDown();
        if (thread == null) {
            return;
        }
        try {
            if (!thread.join(Duration.ofSeconds(2))) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dropped() > 0) {
            LOG.log(Level.WARNING, "access log: " + dropped() + " lines were dropped while the queue was full");
        }
    }
}

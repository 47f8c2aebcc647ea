package dev.unikernel.examples.web;

import dev.unikernel.api.WritableKeyValueStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hits of each page, counted in memory (a request never waits for a write) and kept in one value
 * of a writable store, {@value #KEY}: lines {@code COUNT<TAB>PATH}, sorted by path. They are loaded at
 * start, saved every few seconds when they changed, and once more at close.
 */
final class VisitCounters implements AutoCloseable {

    static final String KEY = "visits.txt";

    private static final System.Logger LOG = System.getLogger(VisitCounters.class.getName());

    private final WritableKeyValueStore store;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final CountDownLatch closed = new CountDownLatch(1);
    private long savedHits; // guarded by this
    private boolean failing; // guarded by this
    private Thread saver;

    VisitCounters(WritableKeyValueStore store) {
        this.store = store;
    }

    /** Adds the counts the store holds; none when it holds no {@value #KEY}. */
    void load() throws IOException {
        if (store.info(KEY).isEmpty()) {
            return;
        }
        parse(new String(store.read(KEY), StandardCharsets.UTF_8))
                .forEach((path, count) -> counter(path).add(count));
    }

    /** Counts one hit of {@code path}: safe from any thread, and cheap. */
    void hit(String path) {
        counter(path).increment();
        hits.increment();
    }

    private LongAdder counter(String path) {
        LongAdder counter = counts.get(path);
        return counter != null ? counter : counts.computeIfAbsent(path, p -> new LongAdder());
    }

    /** Every path's count so far, sorted by path. */
    SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> snapshot = new TreeMap<>();
        counts.forEach((path, counter) -> snapshot.put(path, counter.sum()));
        return snapshot;
    }

    /** Writes the counts to the store unless nothing was counted since the last time; false when nothing changed. */
    synchronized boolean save() throws IOException {
        long now = hits.sum(); // before the snapshot: a hit counted meanwhile makes the next save write again
        if (now == savedHits) {
            return false;
        }
        store.write(KEY, format(snapshot()).getBytes(StandardCharsets.UTF_8));
        savedHits = now;
        return true;
    }

    /** Saves every {@code interval} on a virtual thread of its own until {@link #close()}. */
    void startSaving(Duration interval) {
        saver = Thread.ofVirtual().name("visit-counters").start(() -> {
            try {
                while (!closed.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    saveLogged();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private synchronized void saveLogged() {
        try {
            save();
            if (failing) {
                LOG.log(Level.INFO, "visit counts saved again");
            }
            failing = false;
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "cannot save the visit counts (retrying every few seconds): " + e.getMessage());
            }
            failing = true;
        }
    }

    /** Stops the periodic saves and saves one last time. */
    @Override
    public void close() throws IOException {
        closed.countDown();
        if (saver != null) {
            try {
                saver.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        save();
    }

    /** The stored form: one {@code COUNT<TAB>PATH} line per path, in the map's order. */
    static String format(Map<String, Long> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((path, count) -> text.append(count).append('\t').append(path).append('\n'));
        return text.toString();
    }

    /** Reads {@link #format}'s lines; a line that is not {@code COUNT<TAB>PATH} is an IllegalArgumentException naming it. */
    static SortedMap<String, Long> parse(String text) {
        SortedMap<String, Long> counts = new TreeMap<>();
        String[] lines = text.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            long count = -1;
            try {
                count = tab > 0 ? Long.parseLong(line.substring(0, tab)) : -1;
            } catch (NumberFormatException e) {
                // reported below
            }
            if (count < 0 || tab == line.length() - 1) {
                throw new IllegalArgumentException(KEY + " line " + (n + 1) + ": expected COUNT<TAB>PATH, not '" + line + "'");
            }
            counts.merge(line.substring(tab + 1), count, Long::sum);
        }
        return counts;
    }
}

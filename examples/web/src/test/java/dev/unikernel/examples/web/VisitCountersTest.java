package dev.unikernel.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VisitCountersTest {

    @Test
    void theStoredFormIsCountTabPathLinesSortedByPath() {
        Map<String, Long> counts = new TreeMap<>(Map.of("/index.html", 3L, "/about/index.html", 12L, "/a b.txt", 1L));
        String text = VisitCounters.format(counts);
        assertEquals("1\t/a b.txt\n12\t/about/index.html\n3\t/index.html\n", text);
        assertEquals(counts, VisitCounters.parse(text));
        assertEquals(Map.of(), VisitCounters.parse(""));
        assertEquals(Map.of("/x", 5L), VisitCounters.parse("2\t/x\n\n3\t/x"));
    }

    @Test
    void aMalformedLineIsNamed() {
        for (String bad : new String[] {"12 /x", "x\t/y", "-1\t/y", "5\t", "\t/y"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VisitCounters.parse("1\t/ok\n" + bad + "\n"), bad);
            assertTrue(e.getMessage().startsWith("visits.txt line 2: "), e.getMessage());
        }
    }

    @Test
    void countsAreLoadedAddedToAndSavedOnlyWhenChanged() throws Exception {
        MemoryStore store = new MemoryStore().with(VisitCounters.KEY, "7\t/index.html\n");
        VisitCounters counters = new VisitCounters(store);
        counters.load();
        assertFalse(counters.save(), "nothing counted yet");
        counters.hit("/index.html");
        counters.hit("/about/index.html");
        assertTrue(counters.save());
        assertFalse(counters.save());
        assertEquals(1, store.writes.get());
        assertEquals("1\t/about/index.html\n8\t/index.html\n",
                new String(store.read(VisitCounters.KEY), StandardCharsets.UTF_8));
        counters.hit("/index.html");
        counters.close();
        assertEquals(2, store.writes.get());
        assertEquals(Map.of("/about/index.html", 1L, "/index.html", 9L),
                VisitCounters.parse(new String(store.read(VisitCounters.KEY), StandardCharsets.UTF_8)));
    }

    @Test
    void noStoredValueStartsFromNothing() throws Exception {
        VisitCounters counters = new VisitCounters(new MemoryStore());
        counters.load();
        assertEquals(Map.of(), counters.snapshot());
    }

    @Test
    void hitsFromManyThreadsAreAllCounted() throws Exception {
        VisitCounters counters = new VisitCounters(new MemoryStore());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    counters.hit("/p" + (i % 3));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(Map.of("/p0", 26_672L, "/p1", 26_664L, "/p2", 26_664L), counters.snapshot());
    }
}

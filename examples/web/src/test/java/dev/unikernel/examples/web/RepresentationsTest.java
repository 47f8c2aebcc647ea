package dev.unikernel.examples.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.unikernel.examples.web.Representations.Representation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RepresentationsTest {

    private final MemoryStore site = new MemoryStore().with("index.html", "<h1>one</h1>");
    private final Representations representations = new Representations(site);

    private String get(String key) throws Exception {
        Representation value = representations.of(key, site.info(key).orElseThrow());
        return new String(representations.body(key, value), StandardCharsets.UTF_8);
    }

    @Test
    void anUnchangedValueIsReadOnce() throws Exception {
        Representation first = representations.of("index.html", site.info("index.html").orElseThrow());
        assertNull(first.body(), "nothing kept before the first read");
        assertEquals("text/html; charset=utf-8", first.contentType());
        assertEquals("Tue, 04 Mar 2025 05:06:07 GMT", first.lastModified());
        for (int i = 0; i < 5; i++) {
            assertEquals("<h1>one</h1>", get("index.html"));
        }
        assertEquals(1, site.reads.get());
    }

    @Test
    void aChangedValueIsReadAgainWithItsNewTag() throws Exception {
        String before = representations.of("index.html", site.info("index.html").orElseThrow()).entityTag();
        get("index.html");
        site.with("index.html", "<h1>two</h1>");
        assertEquals("<h1>two</h1>", get("index.html"));
        assertNotEquals(before, representations.of("index.html", site.info("index.html").orElseThrow()).entityTag());
        assertEquals("<h1>two</h1>", get("index.html"));
        assertEquals(2, site.reads.get());
    }

    @Test
    void largeValuesAreReadEveryTime() throws Exception {
        byte[] large = new byte[Representations.LARGEST_KEPT + 1];
        large[7] = 42;
        site.with("big.bin", large);
        for (int i = 0; i < 3; i++) {
            Representation value = representations.of("big.bin", site.info("big.bin").orElseThrow());
            assertArrayEquals(large, representations.body("big.bin", value));
        }
        assertEquals(3, site.reads.get());
    }
}

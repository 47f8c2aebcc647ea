package dev.unikernel.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SitePathsTest {

    @Test
    void aPathIsItsKeyAndAFolderIsItsIndex() {
        assertEquals("index.html", SitePaths.key("/"));
        assertEquals("css/site.css", SitePaths.key("/css/site.css"));
        assertEquals("about/index.html", SitePaths.key("/about/"));
        assertEquals("about", SitePaths.key("/about"));
    }

    @Test
    void percentEscapesAreUtf8AndPlusStaysPlus() {
        assertEquals("a file.txt", SitePaths.key("/a%20file.txt"));
        assertEquals("caf\u00e9/men\u00fc.html", SitePaths.key("/caf%C3%A9/men%c3%bc.html"));
        assertEquals("caf\u00e9.html", SitePaths.key("/caf\u00e9.html"));
        assertEquals("c++.txt", SitePaths.key("/c++.txt"));
        assertEquals("a/b", SitePaths.key("/a%2Fb"));
    }

    @Test
    void brokenEncodingsAndControlCharactersAreRejected() {
        for (String bad : new String[] {"/%", "/%2", "/%zz", "/%C3", "/%ff.html", "/a%00b", "/a%0Ab", "relative", ""}) {
            assertThrows(IllegalArgumentException.class, () -> SitePaths.key(bad), bad);
        }
    }

    @Test
    void dotSegmentsReachTheStoreWhichRejectsThem() {
        // Decoding does not resolve them: the store's key check does, whatever their encoding.
        assertEquals("../etc/passwd", SitePaths.key("/../etc/passwd"));
        assertEquals("../secret", SitePaths.key("/%2e%2e/secret"));
        assertEquals("/index.html", SitePaths.key("//"));
        MemoryStore store = new MemoryStore().with("index.html", "x");
        for (String path : new String[] {"/../etc/passwd", "/%2e%2e/secret", "//", "/a/./b", "/a//b"}) {
            assertThrows(IllegalArgumentException.class, () -> store.info(SitePaths.key(path)), path);
        }
    }
}

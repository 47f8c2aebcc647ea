package dev.unikernel.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentTypesTest {

    @Test
    void textTypesSayUtf8() {
        assertEquals("text/html; charset=utf-8", ContentTypes.of("index.html"));
        assertEquals("text/css; charset=utf-8", ContentTypes.of("css/site.css"));
        assertEquals("text/javascript; charset=utf-8", ContentTypes.of("js/app.js"));
        assertEquals("application/json; charset=utf-8", ContentTypes.of("data.json"));
        assertEquals("image/svg+xml; charset=utf-8", ContentTypes.of("images/stack.svg"));
        assertEquals("text/plain; charset=utf-8", ContentTypes.of("notes.txt"));
        assertEquals("application/xml; charset=utf-8", ContentTypes.of("feed.xml"));
    }

    @Test
    void binaryTypesHaveNoCharset() {
        assertEquals("image/png", ContentTypes.of("images/logo.png"));
        assertEquals("image/jpeg", ContentTypes.of("a.jpg"));
        assertEquals("image/jpeg", ContentTypes.of("a.jpeg"));
        assertEquals("image/gif", ContentTypes.of("a.gif"));
        assertEquals("image/webp", ContentTypes.of("a.webp"));
        assertEquals("image/x-icon", ContentTypes.of("favicon.ico"));
        assertEquals("application/pdf", ContentTypes.of("paper.pdf"));
        assertEquals("application/wasm", ContentTypes.of("app.wasm"));
        assertEquals("font/woff2", ContentTypes.of("fonts/a.woff2"));
    }

    @Test
    void extensionsAreCaseInsensitiveAndTheRestIsOctetStream() {
        assertEquals("image/png", ContentTypes.of("LOGO.PNG"));
        assertEquals(ContentTypes.DEFAULT, ContentTypes.of("archive.tar.gz"));
        assertEquals(ContentTypes.DEFAULT, ContentTypes.of("Makefile"));
        assertEquals(ContentTypes.DEFAULT, ContentTypes.of(".htaccess"));
        assertEquals(ContentTypes.DEFAULT, ContentTypes.of("v1.2/README"));
        assertEquals(ContentTypes.DEFAULT, ContentTypes.of("trailing."));
    }
}

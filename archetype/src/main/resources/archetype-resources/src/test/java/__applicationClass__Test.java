#if( $starter == "web" )
package ${package};

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unikernel.api.KeyValueStore;
import dev.unikernel.api.ValueInfo;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The application is plain Java: a test hands it a site of its own, no target and no server needed. */
class ${applicationClass}Test {

    /** A tiny site in memory; a value's digest is its hash code, enough to tell two values apart. */
    private static final class MemorySite implements KeyValueStore {

        private final Map<String, byte[]> values = new TreeMap<>();

        MemorySite with(String key, String value) {
            values.put(key, value.getBytes(UTF_8));
            return this;
        }

        @Override
        public List<String> keys() {
            return List.copyOf(values.keySet());
        }

        @Override
        public Optional<ValueInfo> info(String key) {
            return Optional.ofNullable(values.get(check(key)))
                    .map(value -> new ValueInfo(value.length, Instant.EPOCH, Integer.toHexString(Arrays.hashCode(value))));
        }

        @Override
        public byte[] read(String key) throws NoSuchFileException {
            byte[] value = values.get(check(key));
            if (value == null) {
                throw new NoSuchFileException(key);
            }
            return value.clone();
        }

        /** As the contract says: a key with an empty, "." or ".." segment is refused. */
        private static String check(String key) {
            for (String segment : key.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("not a key: " + key);
                }
            }
            return key;
        }
    }

    private final MemorySite site = new MemorySite().with("index.html", "<h1>home</h1>")
            .with("css/site.css", "body { margin: 2em; }").with("docs/index.html", "<p>docs</p>");
    private final ${applicationClass} server = new ${applicationClass}(site, InetAddress::getLoopbackAddress, 8080);

    private static String body(${applicationClass}.Response response) {
        return new String(response.body(), UTF_8);
    }

    @Test
    void servesIndexHtmlForSlashWithTypeAndETag() throws Exception {
        ${applicationClass}.Response home = server.respond("GET", "/", null);
        assertEquals(200, home.status());
        assertEquals("<h1>home</h1>", body(home));
        assertEquals("text/html; charset=utf-8", home.headers().get("Content-Type"));
        assertEquals('"' + site.info("index.html").orElseThrow().digest() + '"', home.headers().get("ETag"));
        assertEquals("<p>docs</p>", body(server.respond("GET", "/docs/", null)));
        assertEquals("text/css; charset=utf-8", server.respond("HEAD", "/css/site.css", null).headers().get("Content-Type"));
        assertEquals("application/octet-stream", ${applicationClass}.contentType("fonts/body.woff2"));
    }

    @Test
    void aMatchingIfNoneMatchIs304WithoutBody() throws Exception {
        String etag = server.respond("GET", "/index.html", null).headers().get("ETag");
        ${applicationClass}.Response notModified = server.respond("GET", "/", etag);
        assertEquals(304, notModified.status());
        assertEquals(0, notModified.body().length);
        assertEquals(etag, notModified.headers().get("ETag"));
        assertEquals(200, server.respond("GET", "/", "\"another\"").status());
    }

    @Test
    void missingValuesAndInvalidKeysAre404() throws Exception {
        assertEquals(404, server.respond("GET", "/missing.html", null).status());
        assertEquals("404 not found: /missing.html\n", body(server.respond("GET", "/missing.html", null)));
        assertEquals(404, server.respond("GET", "/../secret.txt", null).status()); // the store refuses ".."
        assertEquals(404, server.respond("GET", "//index.html", null).status()); // and an empty segment
        assertEquals(404, server.respond("GET", "/css/", null).status()); // a folder without an index.html
        assertEquals(405, server.respond("POST", "/", null).status());
    }
}
#else
package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.Clock;
import dev.unikernel.api.Entropy;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The application is plain Java: a test hands it devices of its own, no target needed. */
class ${applicationClass}Test {

    /** A clock stopped at one instant, so the greeting is predictable. */
    private static final Clock STOPPED = new Clock() {
        @Override
        public Instant now() {
            return Instant.parse("2026-01-01T12:00:00Z");
        }

        @Override
        public long monotonicNanos() {
            return 0;
        }
    };

    /** Entropy that is all zero bytes: never do this outside a test. */
    private static final Entropy ZEROS = new Entropy() {
        @Override
        public void nextBytes(byte[] bytes) {
            java.util.Arrays.fill(bytes, (byte) 0);
        }

        @Override
        public SecureRandom secureRandom() {
            throw new UnsupportedOperationException("not used");
        }
    };

    @Test
    void greetsByNameWithTheTimeAndANumber() {
        ${applicationClass} application = new ${applicationClass}("Ada", STOPPED, ZEROS);
        assertEquals("Hello, Ada! It is 2026-01-01T12:00:00Z; your lucky number is 00000000.",
                application.greeting());
    }

    @Test
    void runExitsZero() {
        assertEquals(0, new ${applicationClass}("Ada", STOPPED, ZEROS).run());
        assertTrue(new ${applicationClass}("world", STOPPED, ZEROS).greeting().startsWith("Hello, world!"));
    }
}
#end

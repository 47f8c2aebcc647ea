package dev.unikernel.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.KeyValueStore;
import dev.unikernel.api.ValueInfo;
import dev.unikernel.api.WritableKeyValueStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code directory} provider over a real directory of the host. */
class DirectoryStoreTest {

    @TempDir
    Path dir;

    private Path site() throws IOException {
        Path site = Files.createDirectory(dir.resolve("site"));
        write(site.resolve("index.html"), "<h1>hi</h1>");
        Files.createDirectories(site.resolve("css/print"));
        write(site.resolve("css/site.css"), "body{}");
        write(site.resolve("css/print/p.css"), "@media print{}");
        Files.createDirectory(site.resolve("empty"));
        return site;
    }

    @Test
    void listsRegularFilesRecursivelySortedWithSlashes() throws IOException {
        KeyValueStore store = KvDevices.directory(site());
        assertEquals(List.of("css/print/p.css", "css/site.css", "index.html"), store.keys());
    }

    @Test
    void readsValuesAndDescribesThem() throws IOException {
        Path site = site();
        KeyValueStore store = KvDevices.directory(site);
        assertEquals("body{}", new String(store.read("css/site.css"), StandardCharsets.UTF_8));
        ValueInfo info = store.info("css/site.css").orElseThrow();
        assertEquals(6, info.size());
        assertEquals(sha256("body{}"), info.digest());
        assertEquals(Files.getLastModifiedTime(site.resolve("css/site.css")).toInstant(), info.lastModified());
    }

    @Test
    void missingKeysAndFoldersAreAbsent() throws IOException {
        KeyValueStore store = KvDevices.directory(site());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> store.read("nope.html"));
        assertEquals("nope.html", e.getFile());
        assertTrue(e.getMessage().contains("nope.html"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> store.read("css"));
        assertThrows(NoSuchFileException.class, () -> store.read("index.html/x"));
        assertEquals(Optional.empty(), store.info("nope.html"));
        assertEquals(Optional.empty(), store.info("css"));
        assertEquals(Optional.empty(), store.info("empty"));
        assertEquals(Optional.empty(), store.info("index.html/x"));
    }

    @Test
    void digestFollowsTheContent() throws IOException {
        Path site = site();
        KeyValueStore store = KvDevices.directory(site);
        String first = store.info("index.html").orElseThrow().digest();
        assertEquals(first, store.info("index.html").orElseThrow().digest());
        write(site.resolve("index.html"), "<h1>bye</h1>");
        ValueInfo changed = store.info("index.html").orElseThrow();
        assertNotEquals(first, changed.digest());
        assertEquals(sha256("<h1>bye</h1>"), changed.digest());
        assertEquals(12, changed.size());
    }

    @Test
    void settledDigestIsCachedByItsSizeAndTime() throws IOException {
        Path site = site();
        Path page = site.resolve("index.html");
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(page, old);
        KeyValueStore store = KvDevices.directory(site);
        String digest = store.info("index.html").orElseThrow().digest();
        // Same size, same time, same file: the cached digest is answered without reading the file.
        rewriteInPlace(page, "<h1>HI</h1>");
        Files.setLastModifiedTime(page, old);
        assertEquals(digest, store.info("index.html").orElseThrow().digest());
        assertEquals(1, ((PathKeyValueStore) store).digests.hashCount());
        // A new time is a new digest.
        Files.setLastModifiedTime(page, FileTime.from(Instant.now().minusSeconds(60)));
        assertEquals(sha256("<h1>HI</h1>"), store.info("index.html").orElseThrow().digest());
    }

    @Test
    void freshDigestIsRecomputedUntilTheTimeStepHasPassed() throws IOException {
        Path site = site();
        Path page = site.resolve("index.html");
        FileTime now = Files.getLastModifiedTime(page);
        KeyValueStore store = KvDevices.directory(site);
        assertEquals(sha256("<h1>hi</h1>"), store.info("index.html").orElseThrow().digest());
        // A rewrite of the same size within FAT's 2-second step may keep the time: it must still show.
        rewriteInPlace(page, "<h1>HI</h1>");
        Files.setLastModifiedTime(page, now);
        assertEquals(sha256("<h1>HI</h1>"), store.info("index.html").orElseThrow().digest());
    }

    @Test
    void refusesKeysThatAreNoRelativePath() throws IOException {
        KeyValueStore store = KvDevices.directory(site());
        for (String key : List.of("", "/index.html", "../site/index.html", "css/../index.html", "./index.html",
                "css//site.css", "css/", "css\\site.css", "index\0.html", "css/.", ".kv-tmp-1234", "css/.KV-TMP-x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.read(key), key);
            assertTrue(e.getMessage().contains("key"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> store.info(key), key);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.read("../secret"));
        assertTrue(e.getMessage().contains("'../secret'"), e.getMessage());
    }

    @Test
    void symbolicLinksDoNotLeadOutOfTheRoot() throws IOException {
        Path site = site();
        Path secret = write(dir.resolve("secret.txt"), "password");
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        write(secrets.resolve("key"), "private");
        Files.createSymbolicLink(site.resolve("leak.txt"), secret);
        Files.createSymbolicLink(site.resolve("up"), dir);
        Files.createSymbolicLink(site.resolve("inner.html"), site.resolve("index.html"));
        KeyValueStore store = KvDevices.directory(site);

        assertEquals(List.of("css/print/p.css", "css/site.css", "index.html"), store.keys());
        for (String key : List.of("leak.txt", "up/secret.txt", "up/secrets/key", "inner.html")) {
            assertEquals(Optional.empty(), store.info(key), key);
            assertThrows(NoSuchFileException.class, () -> store.read(key), key);
        }
    }

    @Test
    void theRootMayBeALink() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("current"), site());
        KeyValueStore store = KvDevices.directory(link);
        assertEquals("body{}", new String(store.read("css/site.css"), StandardCharsets.UTF_8));
        assertEquals(3, store.keys().size());
    }

    @Test
    void hidesWritesInProgress() throws IOException {
        Path site = site();
        write(site.resolve(".kv-tmp-0123abcd"), "half a value");
        assertEquals(List.of("css/print/p.css", "css/site.css", "index.html"), KvDevices.directory(site).keys());
    }

    @Test
    void failsAtOpenWhenTheDirectoryIsMissingOrAFile() throws IOException {
        Path missing = dir.resolve("missing");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> KvDevices.directory(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--site=DIR"), e.getMessage());

        Path file = write(dir.resolve("file"), "x");
        FileSystemException f = assertThrows(FileSystemException.class, () -> KvDevices.directory(file));
        assertTrue(f.getMessage().contains(file.toString()) && f.getMessage().contains("not a directory"), f.getMessage());
    }

    @Test
    void isReadOnlyAndSaysWhatItIs() throws IOException {
        Path site = site();
        KeyValueStore store = KvDevices.directory(site);
        assertFalse(store instanceof WritableKeyValueStore, "a directory store must not offer writes");
        assertEquals("directory " + site, store.toString());
    }

    @Test
    void concurrentInfoAgreesOnEveryDigest() throws Exception {
        Path site = site();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add("page" + i + ".html");
            write(site.resolve("page" + i + ".html"), "page " + i + " " + "x".repeat(i * 1000));
        }
        KeyValueStore store = KvDevices.directory(site);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                calls.add(() -> {
                    for (int i = 0; i < keys.size(); i++) {
                        ValueInfo info = store.info(keys.get(i)).orElseThrow();
                        if (!info.digest().equals(sha256("page " + i + " " + "x".repeat(i * 1000)))) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text);
    }

    /** Overwrites the bytes of the same file (same inode), as an editor saving in place does. */
    private static void rewriteInPlace(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package dev.unikernel.kv;

import static dev.unikernel.kv.DirectoryStoreTest.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.api.ValueInfo;
import dev.unikernel.api.WritableKeyValueStore;
import dev.unikernel.fat.FatDevices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code kv} provider over the FAT16 file system of devices/fat on an in-memory block device. */
class FatKvStoreTest {

    private static final long BYTES = 32L << 20;

    private MemoryBlockDevice disk;
    private FileSystem volume;

    @BeforeEach
    void format() throws IOException {
        disk = MemoryBlockDevice.ofSize(BYTES, 512);
        volume = FatDevices.fat(disk, false);
    }

    @AfterEach
    void unmount() throws IOException {
        volume.close();
    }

    @Test
    void writesReadsReplacesAndDeletes() throws IOException {
        WritableKeyValueStore store = KvDevices.kv(volume, "/counters");
        assertEquals(List.of(), store.keys());
        store.write("hits", bytes("1"));
        store.write("pages/index.html/count", bytes("42"));
        assertEquals(List.of("hits", "pages/index.html/count"), store.keys());
        assertEquals("42", text(store.read("pages/index.html/count")));

        store.write("hits", bytes("1000"));
        assertEquals("1000", text(store.read("hits")));
        ValueInfo info = store.info("hits").orElseThrow();
        assertEquals(4, info.size());
        assertEquals(sha256("1000"), info.digest());

        assertTrue(store.delete("hits"));
        assertFalse(store.delete("hits"));
        assertFalse(store.delete("pages"), "a folder is no value");
        assertEquals(Optional.empty(), store.info("hits"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> store.read("hits"));
        assertEquals("hits", e.getFile());
        assertEquals(List.of("pages/index.html/count"), store.keys());
    }

    @Test
    void createsItsFolderAndKeepsItsValuesThere() throws IOException {
        WritableKeyValueStore store = KvDevices.kv(volume, "/data/counters");
        assertTrue(Files.isDirectory(volume.getPath("/data/counters")));
        store.write("a/b", bytes("x"));
        assertTrue(Files.isRegularFile(volume.getPath("/data/counters/a/b")));
        assertEquals("kv /data/counters on a fat file system", store.toString());
        assertEquals(List.of("a/b"), KvDevices.kv(volume, "data/counters").keys(), "a relative folder is from the root");
    }

    @Test
    void leavesNoTemporaryFileBehind() throws IOException {
        WritableKeyValueStore store = KvDevices.kv(volume, "/");
        for (int i = 0; i < 20; i++) {
            store.write("k", bytes("value " + i));
        }
        try (Stream<Path> files = Files.list(volume.getPath("/"))) {
            assertEquals(List.of("k"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("value 19", text(store.read("k")));
    }

    @Test
    void digestChangesWithinFatsTwoSecondTimeStep() throws IOException {
        WritableKeyValueStore store = KvDevices.kv(volume, "/");
        store.write("n", bytes("1111"));
        ValueInfo first = store.info("n").orElseThrow();
        assertEquals(first, store.info("n").orElseThrow(), "unchanged value, same info");
        store.write("n", bytes("2222")); // same size, most likely the same 2-second time
        ValueInfo second = store.info("n").orElseThrow();
        assertNotEquals(first.digest(), second.digest());
        assertEquals(sha256("2222"), second.digest());
    }

    @Test
    void valuesSurviveUnmountingAndMountingAgain() throws IOException {
        WritableKeyValueStore store = KvDevices.kv(volume, "/counters");
        store.write("visits", bytes("7"));
        store.write("deep/er/key", bytes("deep"));
        store.write("gone", bytes("soon"));
        store.delete("gone");
        volume.close();

        volume = FatDevices.fat(disk, false);
        WritableKeyValueStore again = KvDevices.kv(volume, "/counters");
        assertEquals(List.of("deep/er/key", "visits"), again.keys());
        assertEquals("7", text(again.read("visits")));
        assertEquals(sha256("deep"), again.info("deep/er/key").orElseThrow().digest());
    }

    @Test
    void aWriteIsDurableOnceItReturns() throws IOException {
        WritableKeyValueStore store = KvDevices.kv(volume, "/");
        store.write("config", bytes("old"));
        store.write("config", bytes("new value"));
        // The device as a power cut would leave it: never unmounted.
        try (FileSystem crashed = FatDevices.fat(disk.copy(), false)) {
            assertEquals("new value", text(KvDevices.kv(crashed, "/").read("config")));
        }
    }

    @Test
    void doesNotCloseTheFileSystem() throws IOException {
        WritableKeyValueStore store = KvDevices.kv(volume, "/");
        store.write("x", bytes("y"));
        assertTrue(volume.isOpen());
        assertFalse(store instanceof AutoCloseable, "the runtime closes the file system, not the store");
    }

    @Test
    void aReadOnlyFileSystemRefusesWrites() throws IOException {
        KvDevices.kv(volume, "/").write("kept", bytes("1"));
        volume.close();
        volume = FatDevices.fat(disk, true);
        WritableKeyValueStore store = KvDevices.kv(volume, "/");
        assertEquals("1", text(store.read("kept")));
        FileSystemException e = assertThrows(FileSystemException.class, () -> store.write("kept", bytes("2")));
        assertTrue(e.getMessage().contains("read-only") && e.getMessage().contains("kept"), e.getMessage());
        assertThrows(FileSystemException.class, () -> store.delete("kept"));
        assertEquals("1", text(store.read("kept")));
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> KvDevices.kv(volume, "/new"));
        assertTrue(missing.getMessage().contains("read-only"), missing.getMessage());
    }

    @Test
    void refusesBadKeysAndFolderValueClashes() throws IOException {
        WritableKeyValueStore store = KvDevices.kv(volume, "/kv");
        for (String key : List.of("", "/abs", "..", "a/../../b", "a//b", "a\\b", "a\0b", ".kv-tmp-1", "a/.Kv-Tmp-2")) {
            assertThrows(IllegalArgumentException.class, () -> store.write(key, bytes("x")), key);
            assertThrows(IllegalArgumentException.class, () -> store.delete(key), key);
        }
        store.write("file", bytes("x"));
        assertThrows(FileSystemException.class, () -> store.write("file/child", bytes("y")));
        store.write("folder/child", bytes("y"));
        assertThrows(FileSystemException.class, () -> store.write("folder", bytes("z")));
        assertEquals(List.of("file", "folder/child"), store.keys());
        assertFalse(Files.exists(volume.getPath("/b")), "nothing was written outside the folder");
    }

    @Test
    void concurrentWritesAndInfosStayConsistent() throws Exception {
        WritableKeyValueStore store = KvDevices.kv(volume, "/");
        for (int i = 0; i < 8; i++) {
            store.write("k" + i, bytes("0"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String key = "k" + t;
                calls.add(() -> {
                    for (int round = 1; round <= 25; round++) {
                        store.write(key, bytes(Integer.toString(round)));
                        ValueInfo info = store.info(key).orElseThrow();
                        assertEquals(sha256(Integer.toString(round)), info.digest(), key);
                        for (int other = 0; other < 8; other++) {
                            assertTrue(store.info("k" + other).isPresent());
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> result : pool.invokeAll(calls)) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(bytes("25"), store.read("k" + i));
        }
        assertEquals(8, store.keys().size());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

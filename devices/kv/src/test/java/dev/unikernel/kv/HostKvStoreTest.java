package dev.unikernel.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.WritableKeyValueStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kv} provider over the host's default file system, where symbolic links exist. */
class HostKvStoreTest {

    @TempDir
    Path dir;

    private WritableKeyValueStore store(Path root) throws IOException {
        return KvDevices.kv(FileSystems.getDefault(), root.toString());
    }

    @Test
    void writesAtomicallyIntoTheFolder() throws IOException {
        Path root = dir.resolve("store");
        WritableKeyValueStore store = store(root);
        assertTrue(Files.isDirectory(root), "the folder is created");
        store.write("a/b/c", "v1".getBytes(StandardCharsets.UTF_8));
        store.write("a/b/c", "v2".getBytes(StandardCharsets.UTF_8));
        assertEquals("v2", Files.readString(root.resolve("a/b/c")));
        try (var files = Files.list(root.resolve("a/b"))) {
            assertEquals(List.of("c"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
        assertEquals("kv " + root + " on the host file system", store.toString());
    }

    @Test
    void neverWritesThroughALinkedFolder() throws IOException {
        Path root = Files.createDirectory(dir.resolve("store"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        WritableKeyValueStore store = store(root);

        FileSystemException e = assertThrows(FileSystemException.class,
                () -> store.write("escape/planted", "x".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("escape"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("planted")));
        assertFalse(store.delete("escape"), "a link is no value");
        assertTrue(Files.isSymbolicLink(root.resolve("escape")));
    }

    @Test
    void replacesALinkRatherThanTheFileItPointsTo() throws IOException {
        Path root = Files.createDirectory(dir.resolve("store"));
        Path secret = Files.writeString(dir.resolve("secret"), "keep me");
        Files.createSymbolicLink(root.resolve("value"), secret);
        WritableKeyValueStore store = store(root);
        assertTrue(store.info("value").isEmpty());

        store.write("value", "mine".getBytes(StandardCharsets.UTF_8));
        assertEquals("keep me", Files.readString(secret));
        assertFalse(Files.isSymbolicLink(root.resolve("value")));
        assertEquals("mine", new String(store.read("value"), StandardCharsets.UTF_8));
    }

    @Test
    void refusesAFolderThatIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        FileSystemException e = assertThrows(FileSystemException.class, () -> store(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a folder"), e.getMessage());
    }
}

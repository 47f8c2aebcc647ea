package dev.unikernel.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.KeyValueStore;
import dev.unikernel.api.ValueInfo;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store over a class path laid out as the plugin's ClassPathFiles writes it. */
class EmbeddedStoreTest {

    @TempDir
    Path classes;

    private KeyValueStore open(String index, String... files) throws IOException {
        Path root = classes.resolve("unikernel/files");
        Files.createDirectories(root);
        if (index != null) {
            Files.writeString(root.resolve("site.index"), index);
        }
        for (int i = 0; i < files.length; i += 2) {
            Path file = root.resolve("site").resolve(files[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, files[i + 1]);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
        return ResourceKeyValueStore.open(loader, "unikernel/files/site");
    }

    @Test
    void listsReadsAndDescribesValuesFromTheIndex() throws Exception {
        KeyValueStore store = open("unikernel-files 1 1767225600\n5 aa css/site.css\n11 bb index.html\n",
                "index.html", "<h1>hi</h1>", "css/site.css", "h1{}\n");
        assertEquals(List.of("css/site.css", "index.html"), store.keys());
        assertEquals(Optional.of(new ValueInfo(11, Instant.parse("2026-01-01T00:00:00Z"), "bb")), store.info("index.html"));
        assertArrayEquals("h1{}\n".getBytes(StandardCharsets.UTF_8), store.read("css/site.css"));
        assertEquals(Optional.empty(), store.info("missing.html"));
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> store.read("missing.html"));
        assertEquals("missing.html", missing.getFile());
        assertThrows(IllegalArgumentException.class, () -> store.info("../site.index"));
        assertThrows(IllegalArgumentException.class, () -> store.read("css/../index.html"));
        assertEquals("embedded unikernel/files/site (2 values)", store.toString());
    }

    @Test
    void aMissingIndexSaysHowToBakeTheFiles() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> open(null));
        assertTrue(e.getMessage().contains("name their directory in the plugin's <files>"), e.getMessage());
    }

    @Test
    void aDamagedIndexOrValueIsAnErrorNotAWrongAnswer() throws Exception {
        IOException header = assertThrows(IOException.class, () -> open("something else\n"));
        assertTrue(header.getMessage().contains("does not start with 'unikernel-files 1 '"), header.getMessage());
        IOException line = assertThrows(IOException.class, () -> open("unikernel-files 1 0\nx index.html\n"));
        assertTrue(line.getMessage().contains("not a '<size> <sha-256> <key>' line"), line.getMessage());
        KeyValueStore shortValue = open("unikernel-files 1 0\n99 aa index.html\n", "index.html", "<h1>hi</h1>");
        IOException size = assertThrows(IOException.class, () -> shortValue.read("index.html"));
        assertTrue(size.getMessage().contains("has 11 bytes, but its index says 99"), size.getMessage());
    }
}

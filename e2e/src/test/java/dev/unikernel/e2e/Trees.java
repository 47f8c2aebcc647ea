package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test file trees: made from a seed, compared byte for byte. */
final class Trees {

    private Trees() {
    }

    /** Writes {@code size} pseudo-random bytes (from {@code seed}) to {@code file}, in 1 MiB chunks. */
    static void randomFile(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
    }

    /** Every regular file under {@code root} by relative path, with its size. */
    static TreeMap<String, Long> listing(Path root) throws IOException {
        TreeMap<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.size(file));
            }
        }
        return files;
    }

    /** Asserts both trees hold the same files with the same bytes. */
    static void assertSameTree(Path expected, Path actual) throws IOException {
        TreeMap<String, Long> want = listing(expected);
        assertEquals(want, listing(actual), "file lists differ: " + expected + " vs " + actual);
        for (String name : want.keySet()) {
            assertSameBytes(expected.resolve(name), actual.resolve(name));
        }
    }

    static void assertSameBytes(Path expected, Path actual) throws IOException {
        assertEquals(Files.size(expected), Files.size(actual), "size of " + actual);
        try (InputStream a = Files.newInputStream(expected); InputStream b = Files.newInputStream(actual)) {
            byte[] x = new byte[1 << 20];
            byte[] y = new byte[1 << 20];
            while (true) {
                int n = a.readNBytes(x, 0, x.length);
                int m = b.readNBytes(y, 0, y.length);
                assertEquals(n, m);
                if (n == 0) {
                    return;
                }
                assertArrayEquals(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, m), "content of " + actual);
            }
        }
    }
}

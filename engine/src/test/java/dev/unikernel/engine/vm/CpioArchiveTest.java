package dev.unikernel.engine.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The initramfs writer, checked against GNU cpio (an independent reader of the newc format). */
class CpioArchiveTest {

    @TempDir
    Path temp;

    private CpioArchive sample(Path hostFile) {
        CpioArchive archive = new CpioArchive();
        archive.file("jre/bin/java", 0755, hostFile);
        archive.file("app/java.args", 0644, "-cp\n/app/lib/a.jar\nunikernel.Main\n".getBytes(StandardCharsets.UTF_8));
        archive.directory("tmp", 01777);
        archive.characterDevice("dev/console", 0600, 5, 1);
        archive.file("empty", 0644, new byte[0]);
        return archive;
    }

    @Test
    void gnuCpioListsSortedEntriesOwnedByRootWithTheFixedTime() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/cpio")), "GNU cpio (Debian package cpio) is not installed");
        Path host = Files.write(temp.resolve("java"), new byte[] {1, 2, 3, 4, 5});
        Path archive = temp.resolve("initrd.cpio");
        try (var out = Files.newOutputStream(archive)) {
            sample(host).writeTo(out);
        }
        String listing = run(temp, "sh", "-c", "TZ=UTC cpio -itv --quiet < initrd.cpio");
        List<String> lines = listing.lines().toList();
        assertEquals(List.of("app", "app/java.args", "dev", "dev/console", "empty", "jre", "jre/bin", "jre/bin/java",
                "tmp"), lines.stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList(), listing);
        for (String line : lines) {
            assertTrue(line.matches("\\S+ +\\d+ root +root .*Jan +1 +2026 .*"), line);
        }
        assertTrue(lines.get(7).startsWith("-rwxr-xr-x"), lines.get(7));
        assertTrue(lines.get(1).startsWith("-rw-r--r--"), lines.get(1));
        assertTrue(lines.get(8).startsWith("drwxrwxrwt"), lines.get(8));
        assertTrue(lines.get(3).startsWith("crw-------") && lines.get(3).contains("5,"), lines.get(3));

        Path extracted = Files.createDirectory(temp.resolve("x"));
        run(extracted, "sh", "-c", "cpio -id --quiet --no-absolute-filenames 'app/*' 'jre/*' empty < ../initrd.cpio");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Files.readAllBytes(extracted.resolve("jre/bin/java")));
        assertEquals("-cp\n/app/lib/a.jar\nunikernel.Main\n", Files.readString(extracted.resolve("app/java.args")));
        assertEquals(0, Files.size(extracted.resolve("empty")));
    }

    @Test
    void theSameInputsGiveTheSameBytesWhateverTheHostFilesTimes() throws Exception {
        Path host = Files.write(temp.resolve("java"), new byte[] {9, 8, 7});
        Path first = temp.resolve("first.initrd");
        sample(host).writeGzip(first);
        Files.setLastModifiedTime(host, FileTime.fromMillis(0));
        Path second = temp.resolve("second.initrd");
        sample(host).writeGzip(second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        sample(host).writeTo(plain);
        try (var in = new GZIPInputStream(Files.newInputStream(first))) {
            assertArrayEquals(plain.toByteArray(), in.readAllBytes(), "the .initrd is the gzip'ed archive");
        }
        String text = plain.toString(StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("070701"), "newc magic");
        assertTrue(text.contains("TRAILER!!!"), "trailer");
        assertEquals(0, plain.size() % 4, "entries are padded to 4 bytes");
    }

    @Test
    void addsMissingParentsAndRefusesDuplicatesAndEscapes() {
        CpioArchive archive = new CpioArchive();
        archive.file("/a/b/c", 0644, new byte[1]);
        assertEquals(List.of("a", "a/b", "a/b/c"), List.copyOf(archive.paths()));
        archive.directory("a", 0700);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> archive.file("a/b/c", 0644, new byte[1]));
        assertTrue(twice.getMessage().contains("a/b/c twice"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> archive.file("../etc/passwd", 0644, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> archive.file("a/../../x", 0644, new byte[1]));
    }

    static String run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
        return output;
    }
}

package dev.unikernel.fat;

import dev.unikernel.runtime.unix.FileBlockDevice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both directions against the real tools: volumes from mkfs.fat filled by mcopy read back byte for
 * byte through us; volumes we format and fill pass fsck.fat -n and read back exactly through mcopy.
 * Needs the Debian packages dosfstools and mtools.
 */
class InteropTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        HostTools.require("mkfs.fat", "fsck.fat", "mcopy", "mdir", "mmd", "mdel");
    }

    /** Names and sizes covering long names, case, nesting, sector and cluster edges, and 100 MiB. */
    static Map<String, Integer> tree() {
        Map<String, Integer> files = new TreeMap<>();
        files.put("empty.txt", 0);
        files.put("one byte", 1);
        files.put("SHORT.TXT", 511);
        files.put("sector.bin", 512);
        files.put("Sector Plus One.bin", 513);
        files.put("cluster-ish 4096.dat", 4096);
        files.put("A Rather Long File Name With Spaces And Mixed Case.Extension", 70_001);
        files.put("nested/deeper/deepest/file in depth.txt", 12_345);
        files.put("nested/UPPER/lower.md", 99);
        files.put("nested/" + "n".repeat(200) + ".long", 1000);
        files.put("unicode/grüße-naïve-café.txt", 2048);
        files.put("big/one hundred mebibytes.bin", 100 << 20);
        return files;
    }

    static void writeLocalTree(Path root) throws IOException {
        int seed = 0;
        for (var e : tree().entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, TestVolumes.content(e.getValue(), seed++));
        }
    }

    static void assertTreeEquals(Path expectedRoot, Path actualRoot) throws IOException {
        Map<String, byte[]> expected = readTree(expectedRoot);
        Map<String, byte[]> actual = readTree(actualRoot);
        assertEquals(expected.keySet(), actual.keySet(), "same names");
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name);
        }
    }

    static Map<String, byte[]> readTree(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p)) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "mkfs.fat -S {0}")
    @ValueSource(ints = {512, 4096})
    void volumesMadeByMkfsAndMcopyReadBackThroughUs(int sectorSize) throws Exception {
        Path local = tmp.resolve("local");
        writeLocalTree(local);
        Path image = TestVolumes.sparseImage(tmp.resolve("disk.img"), 400L << 20);
        HostTools.ok("mkfs.fat", "-F", "16", "-S", Integer.toString(sectorSize), "-n", "MKFS", image.toString());
        // Fragment the free space: fill with small files, delete every other one, then copy the tree.
        Path frag = tmp.resolve("frag");
        Files.createDirectories(frag);
        List<String> fillers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Path f = frag.resolve("fill" + i + ".bin");
            Files.write(f, TestVolumes.content(40_000, 1000 + i));
            fillers.add(f.toString());
        }
        List<String> copy = new ArrayList<>(List.of("mcopy", "-i", image.toString()));
        copy.addAll(fillers);
        copy.add("::/");
        HostTools.ok(copy.toArray(String[]::new));
        for (int i = 0; i < 40; i += 2) {
            HostTools.ok("mdel", "-i", image.toString(), "::/fill" + i + ".bin");
        }
        HostTools.ok("mmd", "-i", image.toString(), "::/tree");
        try (Stream<Path> s = Files.list(local)) {
            List<String> cmd = new ArrayList<>(List.of("mcopy", "-s", "-i", image.toString()));
            s.forEach(p -> cmd.add(p.toString()));
            cmd.add("::/tree");
            HostTools.ok(cmd.toArray(String[]::new));
        }
        // Our device may use the volume's sector size or a smaller one that divides it.
        for (int deviceSector : java.util.stream.IntStream.of(512, sectorSize).distinct().toArray()) {
            try (FileBlockDevice dev = FileBlockDevice.open(image, false, deviceSector);
                 FileSystem fs = Fat16.mount(dev, true)) {
                Path out = tmp.resolve("out-" + deviceSector);
                copyOut(fs.getPath("/tree"), out);
                assertTreeEquals(local, out);
                for (int i = 1; i < 40; i += 2) {
                    assertArrayEquals(TestVolumes.content(40_000, 1000 + i), Files.readAllBytes(fs.getPath("/FILL" + i + ".BIN")));
                }
            }
        }
        try (FileBlockDevice dev = FileBlockDevice.open(image, false, 512)) {
            assertTrue(Fat16.check(dev).isClean(), Fat16.check(dev).lines().toString());
            Volume volume = Volume.mount(dev, true);
            Node big = volume.root.directory(volume).lookup("tree").directory(volume).lookup("big").directory(volume)
                    .lookup("one hundred mebibytes.bin");
            int[] jumps = {0};
            int[] previous = {0};
            volume.walkChain(big.firstCluster, c -> {
                if (previous[0] != 0 && c != previous[0] + 1) {
                    jumps[0]++;
                }
                previous[0] = c;
            });
            assertTrue(jumps[0] > 0, "the 100 MiB file should be fragmented by the deleted fillers");
        }
    }

    @ParameterizedTest(name = "our format, {0}-byte sectors")
    @ValueSource(ints = {512, 4096})
    void volumesWeFormatAndFillPassFsckAndReadBackThroughMcopy(int sectorSize) throws Exception {
        Path local = tmp.resolve("local");
        writeLocalTree(local);
        Path image = TestVolumes.sparseImage(tmp.resolve("ours.img"), 300L << 20);
        try (FileBlockDevice dev = FileBlockDevice.open(image, false, sectorSize)) {
            Fat16.format(dev, FormatOptions.defaults().withLabel("OURS"));
            try (FileSystem fs = Fat16.mount(dev)) {
                // Fragment: small files, delete every other, then the tree (its big file fills the holes).
                for (int i = 0; i < 40; i++) {
                    Files.write(fs.getPath("/fill" + i), TestVolumes.content(40_000, 2000 + i));
                }
                for (int i = 0; i < 40; i += 2) {
                    Files.delete(fs.getPath("/fill" + i));
                }
                fs.provider().getFileStore(fs.getPath("/")); // exercise
                Files.createDirectory(fs.getPath("/tree"));
                copyIn(local, fs.getPath("/tree"));
                for (int i = 0; i < 60; i++) {
                    Files.writeString(fs.getPath("/tree/nested/many files " + i + ".txt"), "n" + i);
                }
                Files.delete(fs.getPath("/tree/nested/many files 7.txt"));
            }
        }
        HostTools.Result fsck = HostTools.run("fsck.fat", "-n", "-v", image.toString());
        assertEquals(0, fsck.exitCode(), "fsck.fat -n:\n" + fsck.output());
        assertTrue(!fsck.output().contains("differ") && !fsck.output().contains("Dirty"), fsck.output());
        String mdir = HostTools.ok("mdir", "-/", "-i", image.toString(), "::/tree/nested");
        assertTrue(mdir.contains("many files 59.txt") && !mdir.contains("many files 7.txt"), mdir);
        assertTrue(HostTools.ok("mdir", "-i", image.toString(), "::/").contains("OURS"), "label");
        Path out = tmp.resolve("mcopy-out");
        Files.createDirectories(out);
        HostTools.ok("mcopy", "-s", "-n", "-i", image.toString(), "::/tree", out.toString());
        Path expected = tmp.resolve("expected");
        copyTree(local, expected.resolve("tree"));
        for (int i = 0; i < 60; i++) {
            if (i != 7) {
                Files.writeString(expected.resolve("tree/nested/many files " + i + ".txt"), "n" + i);
            }
        }
        assertTreeEquals(expected, out);
    }

    static void copyOut(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void copyIn(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        copyOut(from, to);
    }
}

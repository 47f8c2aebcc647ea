package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.runtime.unix.FileBlockDevice;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FAT32 both ways against the real tools: {@code mkfs.fat -F 32} volumes filled by mtools read back
 * through us and take our writes; FAT32 volumes we format and fill pass {@code fsck.fat -n} (FSInfo
 * free count included) and read back through mtools, which can then write to them for us to read.
 * {@link Fat32LargeImageTest} does the same with an 8 GiB image. Needs dosfstools and mtools.
 */
class Fat32InteropTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        HostTools.require("mkfs.fat", "fsck.fat", "mcopy", "mdir", "mmd", "mdel");
    }

    /** fsck.fat -n -v must exit 0 and find nothing: no dirty bit, no FAT copies or FSInfo count that differ. */
    static void assertFsckClean(Path image) throws Exception {
        HostTools.Result fsck = HostTools.run("fsck.fat", "-n", "-v", image.toString());
        assertEquals(0, fsck.exitCode(), "fsck.fat -n:\n" + fsck.output());
        for (String bad : List.of("differ", "Dirty", "wrong", "Reclaimed", "Truncating", "Free cluster summary")) {
            if (bad.equals("Free cluster summary")) {
                // "Checking free cluster summary." is its banner; only a finding has other words.
                assertFalse(fsck.output().lines().anyMatch(l -> l.contains(bad) && !l.startsWith("Checking")), fsck.output());
            } else {
                assertFalse(fsck.output().contains(bad), "fsck.fat -n found '" + bad + "':\n" + fsck.output());
            }
        }
        assertTrue(fsck.output().contains("32 bit entries"), "a FAT32 volume:\n" + fsck.output());
    }

    @ParameterizedTest(name = "mkfs.fat -F 32 -S {0}")
    @ValueSource(ints = {512, 4096})
    void mkfsVolumesFilledByMtoolsReadBackThroughUsAndTakeOurWrites(int sectorSize) throws Exception {
        Path local = tmp.resolve("local");
        InteropTest.writeLocalTree(local);
        Path image = TestVolumes.sparseImage(tmp.resolve("mkfs32.img"), 400L << 20);
        HostTools.ok("mkfs.fat", "-F", "32", "-S", Integer.toString(sectorSize), "-n", "MKFS32", image.toString());
        // Fragment the free space, then copy the tree (its 100 MiB file fills the holes).
        List<String> copy = new ArrayList<>(List.of("mcopy", "-i", image.toString()));
        for (int i = 0; i < 40; i++) {
            Path f = tmp.resolve("fill" + i + ".bin");
            Files.write(f, TestVolumes.content(40_000, 1000 + i));
            copy.add(f.toString());
        }
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
        try (FileBlockDevice dev = FileBlockDevice.open(image, false, 512)) {
            try (FileSystem fs = Fat16.mount(dev, true)) {
                assertEquals("fat32", Files.getFileStore(fs.getPath("/")).type());
                Path out = tmp.resolve("out");
                InteropTest.copyOut(fs.getPath("/tree"), out);
                InteropTest.assertTreeEquals(local, out);
            }
            assertTrue(Fat16.check(dev).isClean(), Fat16.check(dev).lines().toString());
            // Our writes on mkfs.fat's layout: new files in the root and a subdirectory, a delete, a rename.
            try (FileSystem fs = Fat16.mount(dev)) {
                Files.createDirectory(fs.getPath("/ours"));
                for (int i = 0; i < 50; i++) {
                    Files.write(fs.getPath("/ours/written by us " + i + ".bin"), TestVolumes.content(5000 + i * 700, 3000 + i));
                }
                Files.write(fs.getPath("/Root File From Us.txt"), TestVolumes.content(123_456, 4000));
                Files.delete(fs.getPath("/tree/big/one hundred mebibytes.bin"));
                Files.move(fs.getPath("/fill1.bin"), fs.getPath("/ours/renamed fill.bin"));
            }
        }
        assertFsckClean(image);
        Path back = tmp.resolve("back.bin");
        HostTools.ok("mcopy", "-n", "-i", image.toString(), "::/ours/written by us 49.bin", back.toString());
        assertArrayEquals(TestVolumes.content(5000 + 49 * 700, 3049), Files.readAllBytes(back));
        HostTools.ok("mcopy", "-n", "-i", image.toString(), "::/ours/renamed fill.bin", back.toString());
        assertArrayEquals(TestVolumes.content(40_000, 1001), Files.readAllBytes(back));
        HostTools.ok("mcopy", "-n", "-i", image.toString(), "::/Root File From Us.txt", back.toString());
        assertArrayEquals(TestVolumes.content(123_456, 4000), Files.readAllBytes(back));
    }

    @ParameterizedTest(name = "our FAT32, {0}-byte sectors")
    @ValueSource(ints = {512, 4096})
    void volumesWeFormatPassFsckReadBackThroughMtoolsAndTakeItsWrites(int sectorSize) throws Exception {
        Path local = tmp.resolve("local");
        InteropTest.writeLocalTree(local);
        Path image = TestVolumes.sparseImage(tmp.resolve("ours32.img"), 300L << 20);
        try (FileBlockDevice dev = FileBlockDevice.open(image, false, sectorSize)) {
            FormatResult result = Fat16.format(dev, FormatOptions.defaults().withLabel("OURS32").withFatType(FatType.FAT32));
            assertEquals(FatType.FAT32, result.type());
            try (FileSystem fs = Fat16.mount(dev)) {
                for (int i = 0; i < 40; i++) {
                    Files.write(fs.getPath("/fill" + i), TestVolumes.content(40_000, 2000 + i));
                }
                for (int i = 0; i < 40; i += 2) {
                    Files.delete(fs.getPath("/fill" + i));
                }
                Files.createDirectory(fs.getPath("/tree"));
                InteropTest.copyIn(local, fs.getPath("/tree"));
                // Enough long names in the root to take it past one cluster.
                for (int i = 0; i < 200; i++) {
                    Files.writeString(fs.getPath("/a long root file name number " + i + ".txt"), "r" + i);
                }
            }
        }
        assertFsckClean(image);
        String root = HostTools.ok("mdir", "-/", "-i", image.toString(), "::/");
        assertTrue(root.contains("OURS32") && root.contains("a long root file name number 199.txt"), root);
        Path out = tmp.resolve("mcopy-out");
        Files.createDirectories(out);
        HostTools.ok("mcopy", "-s", "-n", "-i", image.toString(), "::/tree", out.toString());
        Path expected = tmp.resolve("expected");
        InteropTest.copyOut(local, expected.resolve("tree"));
        InteropTest.assertTreeEquals(expected, out);
        // mtools writes to our volume; we read what it wrote.
        HostTools.ok("mmd", "-i", image.toString(), "::/from mtools");
        Path src = tmp.resolve("mtools-src.bin");
        Files.write(src, TestVolumes.content(777_777, 5000));
        HostTools.ok("mcopy", "-i", image.toString(), src.toString(), "::/from mtools/Copied By Mtools.bin");
        HostTools.ok("mdel", "-i", image.toString(), "::/fill1");
        try (FileBlockDevice dev = FileBlockDevice.open(image, false, 512)) {
            try (FileSystem fs = Fat16.mount(dev, true)) {
                assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(fs.getPath("/from mtools/Copied By Mtools.bin")));
                assertFalse(Files.exists(fs.getPath("/fill1")));
            }
            assertTrue(Fat16.check(dev).isClean(), Fat16.check(dev).lines().toString());
        }
        assertFsckClean(image);
    }

    static void assertSameBytes(byte[] expected, Path actual) throws IOException {
        assertArrayEquals(expected, Files.readAllBytes(actual));
    }
}

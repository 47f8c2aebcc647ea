package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.unikernel.runtime.unix.FileBlockDevice;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 8 GiB sparse FAT32 images against the real tools, both ways: a file of more than 2 GiB (past a
 * signed 32-bit size) and a directory of 10,000 long-named entries, checked by fsck.fat -n and read
 * back through mtools by checksum; and an 8 GiB mkfs.fat -F 32 image that mtools fills with the same
 * big file and a directory of 100 entries (mcopy scans the FAT for every file),
 * read back through us. Disk use stays at the data written (the images are sparse); the big file is
 * streamed, never held in memory or copied to a host file.
 */
class Fat32LargeImageTest {

    private static final long IMAGE = 8L << 30;
    /** 2.1 GiB: past 2^31, which a signed 32-bit size or offset would get wrong. */
    private static final long BIG = (21L << 30) / 10;
    private static final int CHUNK = 8 << 20;
    private static final int ENTRIES = 10_000;
    /**
     * mcopy scans the whole FAT for each file it copies (90 s for 1,000 files on this 8 GiB volume), so
     * it writes fewer; the small-volume tests in {@link Fat32InteropTest} cover mtools' directories too.
     */
    private static final int MTOOLS_ENTRIES = 100;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        HostTools.require("mkfs.fat", "fsck.fat", "mcopy", "mdir", "mmd");
    }

    /** Chunk {@code index} of the big file: cheap pseudo-random bytes, the same every run. */
    private static byte[] chunk(long index, byte[] into) {
        new SplittableRandom(index * 7919 + 1).nextBytes(into);
        return into;
    }

    private static int chunkLength(long offset) {
        return (int) Math.min(CHUNK, BIG - offset);
    }

    private static String expectedSha256() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[CHUNK];
        for (long offset = 0, i = 0; offset < BIG; offset += CHUNK, i++) {
            sha.update(chunk(i, buffer), 0, chunkLength(offset));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String entryName(int i) {
        return "entry with a long name number " + i + ".txt";
    }

    @Test
    void ourEightGiBVolumeWithA2GiBFileAnd10000EntriesPassesFsckAndReadsBackThroughMtools() throws Exception {
        long start = System.nanoTime();
        Path image = TestVolumes.sparseImage(tmp.resolve("ours8g.img"), IMAGE);
        try (FileBlockDevice dev = FileBlockDevice.open(image, false, 512)) {
            assertEquals(FatType.FAT32, Fat16.format(dev, FormatOptions.defaults().withLabel("BIG")).type(), "FAT32 by size");
            try (FileSystem fs = Fat16.mount(dev)) {
                try (FileChannel ch = FileChannel.open(fs.getPath("/big.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    byte[] buffer = new byte[CHUNK];
                    for (long offset = 0, i = 0; offset < BIG; offset += CHUNK, i++) {
                        ch.write(ByteBuffer.wrap(chunk(i, buffer), 0, chunkLength(offset)));
                    }
                }
                Files.createDirectory(fs.getPath("/many"));
                for (int i = 0; i < ENTRIES; i++) {
                    Files.writeString(fs.getPath("/many", entryName(i)), Integer.toString(i));
                }
            }
        }
        System.out.printf("ours: 8 GiB FAT32 written (%d MiB file, %d entries) in %d ms%n", BIG >> 20, ENTRIES,
                (System.nanoTime() - start) / 1_000_000);
        Fat32InteropTest.assertFsckClean(image);
        assertEquals(expectedSha256(), mtoolsSha256(image, "::/big.bin"));
        String listing = HostTools.ok("mdir", "-b", "-i", image.toString(), "::/many");
        assertEquals(ENTRIES, listing.lines().filter(l -> l.contains("entry with a long name number")).count());
        assertTrue(listing.contains(entryName(ENTRIES - 1)), "long names as mtools reads them");
        System.out.printf("ours: checked by fsck.fat and mtools after %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void anEightGiBMkfsVolumeFilledByMtoolsReadsBackThroughUs() throws Exception {
        long start = System.nanoTime();
        Path image = TestVolumes.sparseImage(tmp.resolve("mkfs8g.img"), IMAGE);
        HostTools.ok("mkfs.fat", "-F", "32", "-n", "MKFS8G", image.toString());
        mtoolsWriteBig(image, "::/big.bin");
        Path names = tmp.resolve("names");
        Files.createDirectories(names);
        for (int i = 0; i < MTOOLS_ENTRIES; i++) {
            Files.writeString(names.resolve(entryName(i)), Integer.toString(i));
        }
        HostTools.ok("mmd", "-i", image.toString(), "::/many");
        try (Stream<Path> s = Files.list(names)) {
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("mcopy", "-i", image.toString()));
            s.forEach(p -> cmd.add(p.toString()));
            cmd.add("::/many");
            HostTools.ok(cmd.toArray(String[]::new));
        }
        System.out.printf("mtools: 8 GiB FAT32 filled in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        try (FileBlockDevice dev = FileBlockDevice.open(image, true, 512); FileSystem fs = Fat16.mount(dev, true)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (FileChannel ch = FileChannel.open(fs.getPath("/big.bin"))) {
                assertEquals(BIG, ch.size());
                ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
                while (ch.read(buffer.clear()) > 0) {
                    sha.update(buffer.flip());
                }
            }
            assertEquals(expectedSha256(), HexFormat.of().formatHex(sha.digest()));
            try (Stream<Path> s = Files.list(fs.getPath("/many"))) {
                assertEquals(MTOOLS_ENTRIES, s.count());
            }
            assertEquals("87", Files.readString(fs.getPath("/many", entryName(87))));
            assertTrue(Fat16.check(dev).isClean(), Fat16.check(dev).lines().toString());
        }
        System.out.printf("mtools: read back through us after %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    /** {@code mcopy -n -i IMAGE FILE -} piped into sha256sum: the file streamed, never stored. */
    private static String mtoolsSha256(Path image, String file) throws Exception {
        String out = HostTools.ok("bash", "-c", "set -o pipefail; mcopy -n -i '" + image + "' '" + file + "' - | sha256sum");
        return out.strip().split("\\s+")[0];
    }

    /** {@code mcopy -i IMAGE - FILE} fed the big file's chunks on its standard input. */
    private static void mtoolsWriteBig(Path image, String file) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("mcopy", "-i", image.toString(), "-", file).redirectErrorStream(true);
        pb.environment().put("MTOOLS_SKIP_CHECK", "1");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            byte[] buffer = new byte[CHUNK];
            for (long offset = 0, i = 0; offset < BIG; offset += CHUNK, i++) {
                in.write(chunk(i, buffer), 0, chunkLength(offset));
            }
        }
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("mcopy from standard input failed: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}

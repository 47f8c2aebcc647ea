package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and foreign volumes end in a clear IOException: never a hang or an OutOfMemoryError. */
class CorruptVolumeTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private static String mountError(MemoryBlockDevice device) {
        IOException e = assertThrows(IOException.class, () -> Fat16.mount(device, true).close());
        return e.getMessage();
    }

    @Test
    void garbageAndForeignFormatsAreRefusedByName() throws Exception {
        MemoryBlockDevice garbage = MemoryBlockDevice.ofSize(32L << 20, 512);
        byte[] noise = new byte[1 << 20];
        new Random(1).nextBytes(noise);
        garbage.write(0, ByteBuffer.wrap(noise));
        assertTrue(mountError(garbage).contains("not a FAT volume"));

        MemoryBlockDevice exfat = MemoryBlockDevice.ofSize(32L << 20, 512);
        ByteBuffer boot = ByteBuffer.allocate(512);
        boot.put(3, "EXFAT   ".getBytes()).put(510, (byte) 0x55).put(511, (byte) 0xAA);
        exfat.write(0, boot);
        assertTrue(mountError(exfat).contains("exFAT"));

        assertTrue(mountError(fromMkfs("12", 8L << 20)).contains("FAT12"));
        // FAT32 is read since issue 19; a FAT32 boot sector over too few clusters for FAT32 is refused by name.
        MemoryBlockDevice fat32 = fromMkfs("32", 64L << 20);
        Fat16.mount(fat32, true).close();
        ByteBuffer boot32 = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        fat32.read(0, boot32);
        boot32.putInt(32, (int) ((30L << 20) / 512)); // 30 MiB of 512-byte clusters: fewer than 65525
        fat32.write(0, boot32.clear());
        assertTrue(mountError(fat32).contains("means FAT16"), mountError(fat32));
    }

    private MemoryBlockDevice fromMkfs(String fatSize, long bytes) throws Exception {
        Path image = TestVolumes.sparseImage(tmp.resolve("fat" + fatSize + ".img"), bytes);
        HostTools.ok("mkfs.fat", "-F", fatSize, image.toString());
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(bytes, 512);
        device.write(0, ByteBuffer.wrap(Files.readAllBytes(image)));
        return device;
    }

    @Test
    void badBootSectorFieldsAreNamed() throws IOException {
        MemoryBlockDevice device = TestVolumes.formatted(32L << 20, 512);
        patchBoot(device, b -> b.putShort(11, (short) 1000));
        assertTrue(mountError(device).contains("bytes per sector"));
        device = TestVolumes.formatted(32L << 20, 512);
        patchBoot(device, b -> b.put(13, (byte) 3));
        assertTrue(mountError(device).contains("sectors per cluster"));
        device = TestVolumes.formatted(32L << 20, 512);
        patchBoot(device, b -> b.putShort(22, (short) 1));
        assertTrue(mountError(device).contains("cannot hold"));
    }

    @Test
    void truncatedImagesAreRefused() throws IOException {
        MemoryBlockDevice full = TestVolumes.formatted(64L << 20, 512);
        MemoryBlockDevice truncated = MemoryBlockDevice.ofSize(40L << 20, 512);
        ByteBuffer head = ByteBuffer.allocate(1 << 20);
        full.read(0, head);
        truncated.write(0, head.flip());
        assertTrue(mountError(truncated).contains("truncated"));
    }

    @Test
    void loopsOutOfRangeLinksAndCrossLinksRaiseOrAreReported() throws Exception {
        MemoryBlockDevice device = TestVolumes.formatted(32L << 20, 512);
        try (FileSystem fs = Fat16.mount(device)) {
            Files.write(fs.getPath("/a"), new byte[10_000]);
            Files.write(fs.getPath("/b"), new byte[10_000]);
            Files.createDirectories(fs.getPath("/dir/sub"));
        }
        int a = firstCluster(device, "a");
        int b = firstCluster(device, "b");
        int dir = firstCluster(device, "dir");

        MemoryBlockDevice loop = device.copy();
        setFat(loop, a + 4, a); // the last cluster of /a links back to its first
        assertTimeoutPreemptively(LIMIT, () -> {
            try (FileSystem fs = Fat16.mount(loop, true)) {
                Files.readAllBytes(fs.getPath("/a")); // reads only up to the size: the loop lies past the end
            }
            CheckReport report = Fat16.check(loop);
            assertFalse(report.isClean());
            assertTrue(String.join("\n", report.lines()).contains("loops"), report.lines().toString());
        });
        assertTimeoutPreemptively(LIMIT, () -> {
            MemoryBlockDevice rw = loop.copy();
            try (FileSystem fs = Fat16.mount(rw)) {
                IOException e = assertThrows(IOException.class, () -> Files.write(fs.getPath("/a"), new byte[1],
                        java.nio.file.StandardOpenOption.APPEND));
                assertTrue(e.getMessage().contains("loops"), e.getMessage());
            }
        });

        MemoryBlockDevice outOfRange = device.copy();
        setFat(outOfRange, a + 1, 0xFFF0);
        assertTimeoutPreemptively(LIMIT, () -> {
            try (FileSystem fs = Fat16.mount(outOfRange, true)) {
                IOException e = assertThrows(IOException.class, () -> Files.readAllBytes(fs.getPath("/a")));
                assertTrue(e.getMessage().contains("outside the data clusters"), e.getMessage());
            }
            assertFalse(Fat16.check(outOfRange).badChains().isEmpty());
        });

        MemoryBlockDevice crossLinked = device.copy();
        setFat(crossLinked, a + 4, b); // /a's chain runs on into /b's
        CheckReport cross = Fat16.check(crossLinked);
        assertFalse(cross.crossLinks().isEmpty(), cross.lines().toString());
        assertFalse(cross.sizeMismatches().isEmpty(), cross.lines().toString());

        MemoryBlockDevice dirLoop = device.copy();
        setFat(dirLoop, dir, dir); // a directory whose only cluster links to itself
        assertTimeoutPreemptively(LIMIT, () -> {
            try (FileSystem fs = Fat16.mount(dirLoop, true)) {
                IOException e = assertThrows(IOException.class, () -> {
                    try (Stream<Path> s = Files.list(fs.getPath("/dir"))) {
                        s.count();
                    }
                });
                assertTrue(e.getMessage().startsWith("corrupt FAT16 volume"), e.getMessage());
            }
            assertFalse(Fat16.check(dirLoop).isClean());
        });

        MemoryBlockDevice freeInChain = device.copy();
        setFat(freeInChain, a + 2, 0);
        CheckReport lost = Fat16.check(freeInChain);
        assertFalse(lost.badChains().isEmpty(), lost.lines().toString());
        assertTrue(lost.lostClusters() > 0, lost.lines().toString());
    }

    private interface Patch {
        void apply(ByteBuffer boot);
    }

    private static void patchBoot(MemoryBlockDevice device, Patch patch) throws IOException {
        ByteBuffer boot = ByteBuffer.allocate(device.sectorSize()).order(ByteOrder.LITTLE_ENDIAN);
        device.read(0, boot);
        patch.apply(boot);
        device.write(0, boot.clear());
    }

    private static int firstCluster(MemoryBlockDevice device, String name) throws IOException {
        Volume volume = Volume.mount(device.readOnlySnapshot(), true);
        return volume.root.directory(volume).lookup(name).firstCluster;
    }

    /** Sets a FAT entry in every FAT copy, behind the file system's back. */
    private static void setFat(MemoryBlockDevice device, int cluster, int value) throws IOException {
        ByteBuffer first = ByteBuffer.allocate(device.sectorSize());
        device.read(0, first);
        BootSector boot = BootSector.parse(first.flip(), device.sizeInBytes());
        for (int copy = 0; copy < boot.fatCount(); copy++) {
            long offset = (boot.firstFatSector() + (long) copy * boot.sectorsPerFat()) * boot.bytesPerSector() + cluster * 2L;
            long sector = offset / device.sectorSize();
            ByteBuffer s = ByteBuffer.allocate(device.sectorSize()).order(ByteOrder.LITTLE_ENDIAN);
            device.read(sector, s);
            s.putShort((int) (offset % device.sectorSize()), (short) value);
            device.write(sector, s.clear());
        }
    }
}

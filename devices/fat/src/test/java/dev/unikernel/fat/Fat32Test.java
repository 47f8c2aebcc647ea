package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FAT32 on disk as fatgen103 lays it out: the type choice, the BPB, FSInfo, 28-bit entries, the size limit. */
class Fat32Test {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private static BootSector plan(long bytes, int sectorSize, FormatOptions options) throws IOException {
        return Formatter.plan(sectorSize, bytes / sectorSize, options, new ArrayList<>());
    }

    @Test
    void theTypeIsChosenBySizeOrForced() throws IOException {
        assertEquals(FatType.FAT16, plan(2 * GIB, 512, FormatOptions.defaults()).type());
        BootSector above = plan(2 * GIB + MIB, 512, FormatOptions.defaults());
        assertEquals(FatType.FAT32, above.type());
        assertEquals(4096, above.clusterBytes());
        assertEquals(FatType.FAT32, plan(64 * MIB, 512, FormatOptions.defaults().withFatType(FatType.FAT32)).type());
        List<String> warnings = new ArrayList<>();
        assertEquals(FatType.FAT16, Formatter.plan(512, 3 * GIB / 512, FormatOptions.defaults().withFatType(FatType.FAT16),
                warnings).type());
        assertEquals(1, warnings.size(), "64 KiB clusters warned about");
        String tooSmall = assertThrows(IOException.class,
                () -> plan(16 * MIB, 512, FormatOptions.defaults().withFatType(FatType.FAT32))).getMessage();
        assertTrue(tooSmall.contains("too small for FAT32") && tooSmall.contains("format it as FAT16"), tooSmall);
        String tooBig = assertThrows(IOException.class, () -> plan((2L << 40) + 4096, 4096, FormatOptions.defaults()))
                .getMessage();
        assertTrue(tooBig.contains("at most 2 TiB"), tooBig);
    }

    @Test
    void fat32GeometryFromItsMinimumTo2TiB() throws IOException {
        for (int sectorSize : new int[] {512, 4096}) {
            List<Long> sizes = new ArrayList<>(List.of(40 * MIB, 260 * MIB, 261 * MIB, GIB, 8 * GIB, 8 * GIB + MIB,
                    16 * GIB + MIB, 32 * GIB + MIB, 64 * GIB, 1L << 40, 2L << 40));
            if (sectorSize == 4096) {
                sizes.removeFirst(); // 4 KiB clusters need 256 MiB for FAT32's 65525
                sizes.removeFirst();
            }
            for (long bytes : sizes) {
                BootSector boot = plan(bytes, sectorSize, FormatOptions.defaults().withFatType(FatType.FAT32));
                String where = (bytes >> 20) + " MiB, " + sectorSize + "-byte sectors: ";
                int clusters = boot.clusterCount();
                assertTrue(clusters >= 65525 + 16 && clusters <= 0x0FFFFFF5 - 16, where + clusters + " clusters");
                assertTrue(boot.sectorsPerFat() * sectorSize / 4 >= clusters + 2L, where + "FAT covers clusters");
                assertEquals(0, boot.firstDataSector() % boot.sectorsPerCluster(), where + "data aligned to clusters");
                assertTrue(boot.reservedSectors() >= 32, where + "32 reserved sectors at least");
                // The BPB round-trips through parse, so what we write is what we mount.
                assertEquals(boot, BootSector.parse(boot.encode(), bytes));
            }
        }
        assertEquals(32768, plan(2L << 40, 512, FormatOptions.defaults()).clusterBytes());
        assertEquals(0xFFFFFFFFL, plan(2L << 40, 512, FormatOptions.defaults()).totalSectors());
    }

    @Test
    void bootSectorFsInfoAndBackupsAsFatgen103LaysThemOut() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(GIB, 512);
        FormatResult result = Fat16.format(device, FormatOptions.defaults().withLabel("F32").withFatType(FatType.FAT32));
        assertEquals(FatType.FAT32, result.type());
        ByteBuffer boot = sector(device, 0);
        assertEquals("FAT32   ", new String(boot.array(), 82, 8, StandardCharsets.ISO_8859_1));
        assertEquals("F32        ", new String(boot.array(), 71, 11, StandardCharsets.ISO_8859_1));
        assertEquals(0, boot.getShort(17), "no fixed root entries");
        assertEquals(0, boot.getShort(22), "no 16-bit FAT size");
        assertEquals(2, boot.getInt(44), "root at cluster 2");
        assertEquals(1, boot.getShort(48), "FSInfo in sector 1");
        assertEquals(6, boot.getShort(50), "backup boot sector in sector 6");
        assertEquals(boot, sector(device, 6), "the backup is the boot sector");
        for (int s : new int[] {1, 7}) {
            ByteBuffer info = sector(device, s);
            assertTrue(FsInfo.isValid(info), "FSInfo signatures in sector " + s);
            assertEquals(result.clusterCount() - 1L, FsInfo.freeCount(info), "all free but the root's cluster");
        }
        try (FileSystem fs = Fat16.mount(device)) {
            assertEquals(FsInfo.UNKNOWN, FsInfo.freeCount(sector(device, 1)), "unknown while mounted read-write");
            Files.write(fs.getPath("/some.bin"), new byte[(int) (3 * MIB)]);
        }
        try (FileSystem fs = Fat16.mount(device, true)) {
            FileStore store = Files.getFileStore(fs.getPath("/"));
            ByteBuffer info = sector(device, 1);
            assertEquals(store.getUnallocatedSpace() / store.getBlockSize(), FsInfo.freeCount(info), "exact after a clean close");
            Volume volume = Volume.mount(device, true);
            assertEquals(0, volume.fat.get((int) FsInfo.nextFree(info)), "the next-free hint names a free cluster");
        }
        assertTrue(Fat16.check(device).isClean(), Fat16.check(device).lines().toString());
    }

    @Test
    void theReservedHighBitsOfFat32EntriesArePreservedAndIgnored() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(GIB, 512);
        Fat16.format(device, FormatOptions.defaults().withFatType(FatType.FAT32).withClusterBytes(4096));
        byte[] data = TestVolumes.content(40 * 4096, 3);
        try (FileSystem fs = Fat16.mount(device)) {
            Files.write(fs.getPath("/first.bin"), data);
        }
        Volume probe = Volume.mount(device, true);
        int firstCluster = probe.root.directory(probe).lookup("first.bin").firstCluster;
        int link = firstCluster + 5;
        int free = firstCluster + 100;
        setRawEntry(device, probe.boot, link, rawEntry(device, probe.boot, link) | 0xA0000000);
        setRawEntry(device, probe.boot, free, 0x50000000);
        try (FileSystem fs = Fat16.mount(device)) {
            assertArrayEquals(data, Files.readAllBytes(fs.getPath("/first.bin")), "the high bits are not part of the link");
            Files.write(fs.getPath("/second.bin"), TestVolumes.content(200 * 4096, 4)); // takes the cluster marked free
        }
        assertEquals(0xA0000000, rawEntry(device, probe.boot, link) & 0xF0000000, "kept on an entry never rewritten");
        int rewritten = rawEntry(device, probe.boot, free);
        assertEquals(0x50000000, rewritten & 0xF0000000, "kept on an entry this mount allocated");
        assertTrue((rewritten & 0x0FFFFFFF) != 0, "and the entry is in use now");
        assertTrue(Fat16.check(device).isClean(), Fat16.check(device).lines().toString());
    }

    @Test
    void clustersPast65535LiveInTheEntrysHighWordAndSurviveARename() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(GIB, 512);
        Fat16.format(device, FormatOptions.defaults().withFatType(FatType.FAT32).withClusterBytes(512));
        byte[] small = TestVolumes.content(10_000, 5);
        try (FileSystem fs = Fat16.mount(device)) {
            try (FileChannel ch = FileChannel.open(fs.getPath("/filler.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[1]), 70_000L * 512); // 70,000 clusters: what follows is numbered above 65535
            }
            Files.createDirectories(fs.getPath("/high/dir"));
            Files.write(fs.getPath("/high/dir/small.bin"), small);
            Files.createDirectory(fs.getPath("/other"));
            Files.move(fs.getPath("/high/dir"), fs.getPath("/other/moved dir"));
        }
        try (FileSystem fs = Fat16.mount(device, true)) {
            assertArrayEquals(small, Files.readAllBytes(fs.getPath("/other/moved dir/small.bin")));
            assertEquals(List.of("small.bin"), Files.list(fs.getPath("/other/moved dir/../moved dir")).map(p -> p.getFileName()
                    .toString()).toList());
        }
        Volume volume = Volume.mount(device, true);
        Node moved = volume.root.directory(volume).lookup("other").directory(volume).lookup("moved dir");
        assertTrue(moved.firstCluster > 65535, "cluster " + moved.firstCluster);
        assertTrue(Fat16.check(device).isClean(), Fat16.check(device).lines().toString());
    }

    @Test
    void aWritePast4GiBMinusOneFailsByNameAndTakesNoSpace() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(GIB, 512);
        Fat16.format(device, FormatOptions.defaults().withFatType(FatType.FAT32));
        try (FileSystem fs = Fat16.mount(device)) {
            Path p = fs.getPath("/big.bin");
            Files.writeString(p, "start");
            FileStore store = Files.getFileStore(p);
            long free = store.getUnallocatedSpace();
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                FileTooLargeException e = assertThrows(FileTooLargeException.class,
                        () -> ch.write(ByteBuffer.wrap(new byte[2]), 0xFFFFFFFEL));
                assertTrue(e.getMessage().contains("FAT32") && e.getMessage().contains("4 GiB - 1 byte")
                        && e.getMessage().contains("4294967296"), e.getMessage());
                assertEquals("/big.bin", e.getFile());
            }
            assertEquals(5, Files.size(p));
            assertEquals(free, store.getUnallocatedSpace());
        }
        assertTrue(Fat16.check(device).isClean(), Fat16.check(device).lines().toString());
    }

    private static ByteBuffer sector(MemoryBlockDevice device, long sector) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        device.read(sector, b);
        return b.clear();
    }

    private static int rawEntry(MemoryBlockDevice device, BootSector boot, int cluster) throws IOException {
        return sector(device, boot.fatSector(0) + cluster / 128).getInt(cluster % 128 * 4);
    }

    private static void setRawEntry(MemoryBlockDevice device, BootSector boot, int cluster, int value) throws IOException {
        for (int copy = 0; copy < boot.fatCount(); copy++) {
            long s = boot.fatSector(copy) + cluster / 128;
            ByteBuffer b = sector(device, s);
            b.putInt(cluster % 128 * 4, value);
            device.write(s, b.clear());
        }
    }
}

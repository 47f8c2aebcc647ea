package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The geometry {@link Fat16#format} chooses, over a sweep of sizes, and its refusals. */
class FormatTest {

    @Test
    void clusterCountStaysInsideFat16WithMarginsFor16MiBTo4GiB() throws IOException {
        for (int sectorSize : new int[] {512, 4096}) {
            for (long mib = sectorSize == 512 ? 16 : 20; mib <= 4096; mib += mib < 256 ? 3 : 61) {
                List<String> warnings = new ArrayList<>();
                long sectors = (mib << 20) / sectorSize;
                BootSector boot = Formatter.plan(sectorSize, sectors, FormatOptions.defaults().withFatType(FatType.FAT16), warnings);
                assertEquals(FatType.FAT16, boot.type());
                int clusters = boot.clusterCount();
                String where = mib + " MiB, " + sectorSize + "-byte sectors: ";
                assertTrue(clusters >= 4085 + 16 && clusters <= 65524 - 16, where + clusters + " clusters");
                assertTrue((long) boot.sectorsPerFat() * sectorSize / 2 >= clusters + 2, where + "FAT covers clusters");
                assertEquals(0, boot.firstDataSector() % boot.sectorsPerCluster(), where + "data aligned to clusters");
                assertEquals(mib > 2048, !warnings.isEmpty(), where + "warning only beyond 2 GiB: " + warnings);
            }
        }
    }

    @Test
    void formatsMountAndReportSpace() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(3L << 30, 4096);
        FormatResult result = Fat16.format(device, FormatOptions.defaults().withLabel("big").withVolumeId(42)
                .withFatType(FatType.FAT16));
        assertEquals(65536, result.clusterBytes());
        assertEquals(1, result.warnings().size());
        try (FileSystem fs = Fat16.mount(device)) {
            assertEquals("BIG", Files.getFileStore(fs.getPath("/")).name());
            assertEquals(result.dataBytes(), Files.getFileStore(fs.getPath("/")).getTotalSpace());
        }
        assertTrue(Fat16.check(device).isClean());
    }

    @Test
    void clusterSizeOverrideIsCheckedAgainstTheRange() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(64L << 20, 512);
        assertEquals(4096, Fat16.format(device, FormatOptions.defaults().withClusterBytes(4096)).clusterBytes());
        IOException e = assertThrows(IOException.class,
                () -> Fat16.format(device, FormatOptions.defaults().withClusterBytes(65536)));
        assertTrue(e.getMessage().contains("outside FAT16's range"), e.getMessage());
    }

    @Test
    void refusesWhatFat16CannotHold() throws IOException {
        assertTrue(assertThrows(IOException.class, () -> Fat16.format(MemoryBlockDevice.ofSize(5L << 30, 512),
                FormatOptions.defaults().withFatType(FatType.FAT16))).getMessage().contains("at most 4 GiB"));
        assertTrue(assertThrows(IOException.class, () -> Fat16.format(MemoryBlockDevice.ofSize(1L << 20, 512),
                FormatOptions.defaults())).getMessage().contains("too small"));
        assertThrows(IllegalArgumentException.class, () -> FormatOptions.defaults().withLabel("a label too long"));
        assertThrows(IllegalArgumentException.class, () -> FormatOptions.defaults().withLabel("bad:label"));
    }
}

package dev.unikernel.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Mutated FAT32 volumes ({@link FuzzVolumes#fat32Volume}: the reserved sectors with the FSInfo and
 * the backup boot sector, the start of the FAT, the root directory chain and the first clusters)
 * against the mount, the readers and the checker, as {@link FatVolumeFuzzTest} does for FAT16.
 */
class Fat32VolumeFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void mountAndReadEverything(byte[] input) throws IOException {
        FatVolumeFuzzTest.mountAndRead(FuzzVolumes.fat32Volume(input));
    }
}

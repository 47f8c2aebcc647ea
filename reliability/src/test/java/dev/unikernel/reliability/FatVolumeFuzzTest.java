package dev.unikernel.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.fat.Fat16;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Mutated FAT16 volumes against the mount, the directory reader, attribute and file reads, and the
 * checker: whatever the bytes, the library answers with an IOException or works; any other exception
 * or error (and a hang, which the fuzzer's per-input timeout reports) fails. {@link Fat32VolumeFuzzTest}
 * does the same on FAT32 (Jazzer fuzzes one test per JVM, so each has its own class).
 */
class FatVolumeFuzzTest {

    private static final int MAX_ENTRIES = 20_000;

    @FuzzTest(maxDuration = "20s")
    void mountAndReadEverything(byte[] input) throws IOException {
        mountAndRead(FuzzVolumes.fatVolume(input));
    }

    /** Checks, mounts and reads everything on {@code device}; only an IOException may come out. */
    static void mountAndRead(MemoryBlockDevice device) throws IOException {
        try {
            Fat16.check(device);
        } catch (IOException expected) {
            // a damaged volume is reported, not crashed on
        }
        try (FileSystem fs = Fat16.mount(device, true)) {
            readTree(fs.getPath("/"), new int[] {0});
        } catch (IOException expected) {
            // refused or unreadable: the answer the library promises
        }
    }

    private static void readTree(Path dir, int[] seen) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (++seen[0] > MAX_ENTRIES) {
                    return; // enough: a volume of 2 MiB holds fewer entries than this
                }
                PosixFileAttributes attributes = Files.readAttributes(entry, PosixFileAttributes.class);
                if (attributes.isDirectory()) {
                    readTree(entry, seen);
                } else {
                    try (InputStream in = Files.newInputStream(entry)) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }
            }
        }
    }
}

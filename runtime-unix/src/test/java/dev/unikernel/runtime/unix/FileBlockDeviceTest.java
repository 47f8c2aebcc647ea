package dev.unikernel.runtime.unix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlockDeviceTest {

    @Test
    void createWriteReopenRead(@TempDir Path temp) throws IOException {
        Path image = temp.resolve("disk.img");
        FileDisk disk = new FileDisk(image, 4096);
        assertFalse(disk.exists());
        byte[] data = new byte[8192];
        data[0] = 1;
        data[8191] = 2;
        try (BlockDevice device = disk.create(1_000_000)) {
            assertEquals(245, device.sectorCount(), "rounded up to whole sectors");
            device.write(244 - 1, ByteBuffer.wrap(data));
            device.flush();
        }
        assertTrue(disk.exists());
        try (BlockDevice device = disk.open(true)) {
            ByteBuffer back = ByteBuffer.allocate(8192);
            device.read(243, back);
            assertArrayEquals(data, back.array());
            assertThrows(IOException.class, () -> device.write(0, ByteBuffer.allocate(4096)));
        }
        assertThrows(FileAlreadyExistsException.class, () -> disk.create(4096));
    }

    @Test
    void missingEmptyAndMisalignedImagesAreNamed(@TempDir Path temp) throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> FileBlockDevice.open(temp.resolve("nope.img"), false));
        assertTrue(missing.getMessage().contains("nope.img") && missing.getMessage().contains("does not exist"));
        Path odd = temp.resolve("odd.img");
        Files.write(odd, new byte[1000]);
        IOException e = assertThrows(IOException.class, () -> FileBlockDevice.open(odd, false));
        assertTrue(e.getMessage().contains("not a multiple of the 512-byte sector size"), e.getMessage());
        Path empty = temp.resolve("empty.img");
        Files.createFile(empty);
        assertThrows(IOException.class, () -> FileBlockDevice.open(empty, false));
    }

    /**
     * Writes well past the write-behind threshold, so background write-backs run while writes and
     * flush barriers go on, then reads everything back after a reopen: nothing lost or reordered.
     */
    @Test
    void writesStayIntactWhileWriteBehindRuns(@TempDir Path temp) throws IOException {
        Path image = temp.resolve("big.img");
        int chunk = 1 << 20;
        int chunks = (int) (3 * WriteBehind.THRESHOLD / chunk) + 3;
        java.util.Random random = new java.util.Random(42);
        byte[][] written = new byte[chunks][chunk];
        try (FileBlockDevice device = FileBlockDevice.create(image, (long) chunks * chunk, 512)) {
            for (int i = 0; i < chunks; i++) {
                random.nextBytes(written[i]);
                device.write((long) i * chunk / 512, ByteBuffer.wrap(written[i]));
                if (i % 17 == 0) {
                    device.flush();
                }
            }
        }
        try (FileBlockDevice device = FileBlockDevice.open(image, true)) {
            for (int i = 0; i < chunks; i++) {
                ByteBuffer back = ByteBuffer.allocate(chunk);
                device.read((long) i * chunk / 512, back);
                assertArrayEquals(written[i], back.array(), "chunk " + i);
            }
        }
    }
}

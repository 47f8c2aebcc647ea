package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

/**
 * A write at an offset past what a FAT file can hold (up to 2^63 - 1, where offset + length wraps
 * around) is refused as a bad argument naming the limit, before it touches the volume.
 */
class WriteOffsetLimitTest {

    @Test
    void offsetsNearTwoToTheSixtyThreeAreRefusedAndTheVolumeStaysWhole() throws IOException {
        MemoryBlockDevice device = TestVolumes.formatted(16L << 20, 512);
        try (FileSystem fs = Fat16.mount(device)) {
            Path file = fs.getPath("/file");
            Files.write(file, new byte[] {1, 2, 3});
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (long offset : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 4096, 1L << 62,
                        FileContent.MAX_FILE_SIZE, FileContent.MAX_FILE_SIZE - 1}) {
                    FileTooLargeException e = assertThrows(FileTooLargeException.class,
                            () -> channel.write(ByteBuffer.wrap(new byte[8]), offset), "offset " + offset);
                    assertTrue(e.getMessage().contains("past the file size limit"), e.getMessage());
                    assertTrue(e.getMessage().contains(Long.toString(offset)), e.getMessage());
                    assertEquals(offset > FileContent.MAX_FILE_SIZE, e.startsPastLimit(), "offset " + offset);
                }
                // The last byte a file can hold is still writable.
                assertEquals(1, channel.write(ByteBuffer.wrap(new byte[] {9}), 3));
            }
            assertArrayEquals(new byte[] {1, 2, 3, 9}, Files.readAllBytes(file));
            assertEquals(4, Files.size(file));
        }
        try (FileSystem fs = Fat16.mount(device)) {
            assertEquals(4, Files.size(fs.getPath("/file")), "the volume mounts again, unchanged");
        }
    }
}

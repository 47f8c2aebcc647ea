package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.BlankDevice;
import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.runtime.unix.FileBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code fat} provider: formats only a blank writable device, mounts, and refuses anything else untouched. */
class FatDevicesTest {

    private static final long BYTES = 32L << 20;
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void blankDeviceIsFormattedAndFilesSurviveARemount() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(BYTES, 512);
        try (FileSystem fs = FatDevices.fat(device, false)) {
            assertEquals("UNIKERNEL", Files.getFileStore(fs.getPath("/")).name());
            Files.createDirectories(fs.getPath("/dir"));
            Files.write(fs.getPath("/dir/file.bin"), TestVolumes.content(70_001, 1));
        }
        assertTrue(Fat16.check(device).isClean(), "closing the file system leaves a clean volume");
        try (FileSystem fs = FatDevices.fat(device, false)) {
            assertArrayEquals(TestVolumes.content(70_001, 1), Files.readAllBytes(fs.getPath("/dir/file.bin")),
                    "a formatted device is mounted, not formatted again");
        }
        device.read(0, ByteBuffer.allocate(512)); // closing the file system left the device open
    }

    @Test
    void aBlankDeviceFat16CannotHoldIsFormattedFat32() throws IOException {
        MemoryBlockDevice small = MemoryBlockDevice.ofSize(2L << 30, 512);
        try (FileSystem fs = FatDevices.fat(small, false)) {
            assertEquals("fat16", Files.getFileStore(fs.getPath("/")).type(), "FAT16 up to 2 GiB");
        }
        MemoryBlockDevice large = MemoryBlockDevice.ofSize((2L << 30) + MIB, 512);
        try (FileSystem fs = FatDevices.fat(large, false)) {
            assertEquals("fat32", Files.getFileStore(fs.getPath("/")).type(), "FAT32 above");
            Files.write(fs.getPath("/file.bin"), TestVolumes.content(70_001, 2));
        }
        try (FileSystem fs = FatDevices.fat(large, false)) {
            assertArrayEquals(TestVolumes.content(70_001, 2), Files.readAllBytes(fs.getPath("/file.bin")));
        }
        assertTrue(Fat16.check(large).isClean(), Fat16.check(large).lines().toString());
    }

    @Test
    void readOnlyMountReadsButRefusesWrites() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(BYTES, 512);
        FatDevices.fat(device, false).close();
        byte[] before = contents(device);
        try (FileSystem fs = FatDevices.fat(device, true)) {
            assertTrue(fs.isReadOnly());
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.writeString(fs.getPath("/new.txt"), "no"));
        }
        assertArrayEquals(before, contents(device));
    }

    @Test
    void blankDeviceIsNotFormattedWhenReadOnly() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(BYTES, 512);
        IOException e = assertThrows(IOException.class, () -> FatDevices.fat(device, true));
        assertTrue(e.getMessage().startsWith("block device " + device + " holds no usable FAT16 or FAT32 file system: "), e.getMessage());
        assertTrue(BlankDevice.isBlank(device));

        MemoryBlockDevice readOnlyDisk = MemoryBlockDevice.ofSize(BYTES, 512).readOnlySnapshot();
        assertThrows(IOException.class, () -> FatDevices.fat(readOnlyDisk, false));
    }

    @Test
    void nonBlankDeviceThatIsNotFatIsRefusedAndLeftUnchanged() throws IOException {
        // One byte at the end of the first MiB is enough to make a device not blank.
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(BYTES, 512);
        ByteBuffer sector = ByteBuffer.allocate(512);
        sector.put(511, (byte) 1);
        device.write(MIB / 512 - 1, sector);
        byte[] before = contents(device);

        IOException e = assertThrows(IOException.class, () -> FatDevices.fat(device, false));
        assertTrue(e.getMessage().startsWith("block device " + device + " holds no usable FAT16 or FAT32 file system: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertArrayEquals(before, contents(device));
    }

    @Test
    void aBlankDeviceThatExistedBeforeThisStartIsRefusedAndLeftBlank() throws IOException {
        MemoryBlockDevice memory = MemoryBlockDevice.ofSize(BYTES, 512);
        ExistingDevice device = new ExistingDevice(memory);
        byte[] before = contents(memory);
        IOException e = assertThrows(IOException.class, () -> FatDevices.fat(device, false));
        assertEquals("block device " + device + " reads as zeros over its first MiB but existed before this start,"
                + " so it is not formatted as FAT16: if it held a volume whose header was lost, restore the header backup"
                + " (cryptsetup luksHeaderRestore); to format it, start once with format-blank (--format-blank)",
                e.getMessage());
        assertArrayEquals(before, contents(memory), "nothing written");
    }

    @Test
    void dataBeyondTheFirstMiBStillCountsAsBlank() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(BYTES, 512);
        ByteBuffer sector = ByteBuffer.allocate(512);
        sector.put(0, (byte) 1);
        device.write(MIB / 512, sector);
        FatDevices.fat(device, false).close();
        assertTrue(Fat16.check(device).isClean());
    }

    @Test
    void fsckAcceptsAProviderFormattedImage() throws Exception {
        HostTools.require("fsck.fat", "mdir");
        Path image = TestVolumes.sparseImage(tmp.resolve("provider.img"), BYTES);
        try (FileBlockDevice device = FileBlockDevice.open(image, false, 512, true)) {
            try (FileSystem fs = FatDevices.fat(device, false)) {
                Files.writeString(fs.getPath("/Hello World.txt"), "hello");
            }
        }
        HostTools.ok("fsck.fat", "-n", image.toString());
        String listing = HostTools.ok("mdir", "-i", image.toString(), "::/");
        assertTrue(listing.contains("UNIKERNEL") && listing.contains("Hello World.txt"), listing);
    }

    private static byte[] contents(MemoryBlockDevice device) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(device.sizeInBytes()));
        device.read(0, all);
        return all.array();
    }
}

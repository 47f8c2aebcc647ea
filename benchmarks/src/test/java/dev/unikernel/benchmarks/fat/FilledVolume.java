package dev.unikernel.benchmarks.fat;

import dev.unikernel.fat.Fat16;
import dev.unikernel.fat.FormatOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A formatted FAT16 volume of a given size, filled to a given share with large files of zeros (fast:
 * the device keeps no zeros), plus a small directory of 16 files of 4 KiB for the lookups.
 */
final class FilledVolume {

    static final int SMALL_FILES = 16;
    private static final int FILLER_FILE_BYTES = 256 << 20;

    final ZeroSkippingBlockDevice device;

    private FilledVolume(ZeroSkippingBlockDevice device) {
        this.device = device;
    }

    static FilledVolume create(long volumeMiB, int fillPercent) throws IOException {
        ZeroSkippingBlockDevice device = new ZeroSkippingBlockDevice(volumeMiB << 20);
        Fat16.format(device, FormatOptions.defaults());
        try (FileSystem fs = Fat16.mount(device)) {
            Files.createDirectory(fs.getPath("/small"));
            for (int i = 0; i < SMALL_FILES; i++) {
                Files.write(fs.getPath("/small/file-" + i), new byte[4096]);
            }
            Files.createDirectory(fs.getPath("/work"));
            fill(fs, fillPercent);
        }
        return new FilledVolume(device);
    }

    /** Writes large files until {@code fillPercent} of the volume's space is in use. */
    private static void fill(FileSystem fs, int fillPercent) throws IOException {
        FileStore store = fs.getFileStores().iterator().next();
        long wanted = store.getTotalSpace() * fillPercent / 100;
        Path dir = Files.createDirectory(fs.getPath("/fill"));
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        for (int n = 0; store.getTotalSpace() - store.getUnallocatedSpace() < wanted; n++) {
            long bytes = Math.min(FILLER_FILE_BYTES, wanted - (store.getTotalSpace() - store.getUnallocatedSpace()));
            try (FileChannel ch = FileChannel.open(dir.resolve("filler-" + n), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                for (long done = 0; done < bytes; done += zeros.capacity()) {
                    ch.write(zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - done)));
                }
            }
        }
    }
}

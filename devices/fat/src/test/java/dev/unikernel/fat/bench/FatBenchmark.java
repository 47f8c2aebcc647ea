package dev.unikernel.fat.bench;

import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.fat.Fat16;
import dev.unikernel.fat.FormatOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * FAT16 over an in-memory BlockDevice: sequential write and read of a 64 MiB file in 64 KiB calls
 * (divide 64 MiB by the time per operation for throughput), and creating 10,000 files in one
 * directory. Not run by the test phase; see the module's pom.xml for the command.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FatBenchmark {

    static final int FILE_BYTES = 64 << 20;
    static final int CALL_BYTES = 64 << 10;

    MemoryBlockDevice device;
    FileSystem fs;
    ByteBuffer buffer;
    Path readable;

    @Setup(Level.Trial)
    public void mount() throws IOException {
        device = MemoryBlockDevice.ofSize(1L << 30, 512);
        Fat16.format(device, FormatOptions.defaults());
        fs = Fat16.mount(device);
        buffer = ByteBuffer.allocate(CALL_BYTES);
        readable = fs.getPath("/readable.bin");
        try (FileChannel ch = FileChannel.open(readable, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int done = 0; done < FILE_BYTES; done += CALL_BYTES) {
                ch.write(buffer.clear());
            }
        }
    }

    @TearDown(Level.Trial)
    public void unmount() throws IOException {
        fs.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public long sequentialWrite64MiB() throws IOException {
        Path p = fs.getPath("/written.bin");
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int done = 0; done < FILE_BYTES; done += CALL_BYTES) {
                ch.write(buffer.clear());
            }
            ch.force(true);
            return ch.size();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public long sequentialRead64MiB() throws IOException {
        long total = 0;
        try (FileChannel ch = FileChannel.open(readable)) {
            int n;
            while ((n = ch.read(buffer.clear())) > 0) {
                total += n;
            }
        }
        return total;
    }

    /** A fresh volume for each create run, so every run starts from an empty directory. */
    @State(Scope.Thread)
    public static class EmptyVolume {
        FileSystem fs;

        @Setup(Level.Invocation)
        public void mount() throws IOException {
            MemoryBlockDevice device = MemoryBlockDevice.ofSize(256L << 20, 512);
            Fat16.format(device, FormatOptions.defaults());
            fs = Fat16.mount(device);
            Files.createDirectory(fs.getPath("/dir"));
        }

        @TearDown(Level.Invocation)
        public void unmount() throws IOException {
            fs.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    public int create10000FilesInOneDirectory(EmptyVolume volume) throws IOException {
        Path dir = volume.fs.getPath("/dir");
        for (int i = 0; i < 10_000; i++) {
            Files.createFile(dir.resolve("file number " + i + ".txt"));
        }
        return 10_000;
    }
}

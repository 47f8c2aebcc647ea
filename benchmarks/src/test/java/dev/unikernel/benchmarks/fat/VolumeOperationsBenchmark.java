package dev.unikernel.benchmarks.fat;

import dev.unikernel.fat.Fat16;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one FAT16 operation must not grow with the volume's size or with how full it is. Each
 * operation runs on a 64 MiB and a 2 GiB volume, empty and 90% full; {@link VolumeScaleReport} prints
 * the time of each and the ratio worst/best. What an operation needs around it (a file to delete,
 * removing the file it created, keeping the growing file short) runs untimed at Level.Invocation: the
 * operations take microseconds, well above that level's overhead.
 *
 * <p>The heap is fixed (-Xms = -Xmx): otherwise filling 2 GiB grows it and the empty volumes run with
 * a smaller young generation, whose more frequent GC pauses made their operations look up to 10x slower.
 *
 * <p>The volume lives in this Scope.Benchmark state (one thread) because JMH 1.37 hands helper methods
 * of Scope.Thread states their own instance of a Scope.Thread state they depend on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class VolumeOperationsBenchmark {

    /** Volume size in MiB: 2047 rather than 2048, which FAT16 could hold only with 64 KiB clusters. */
    @Param({"64", "2047"})
    public long volumeMiB;

    @Param({"0", "90"})
    public int fillPercent;

    FileSystem fs;
    FileStore store;
    Path smallDir;
    Path statTarget;
    ByteBuffer fourKiB;
    ByteBuffer cluster;
    FileChannel growing;
    private long created;

    @Setup(Level.Trial)
    public void mount() throws IOException {
        FilledVolume volume = FilledVolume.create(volumeMiB, fillPercent);
        fs = Fat16.mount(volume.device);
        store = fs.getFileStores().iterator().next();
        smallDir = fs.getPath("/small");
        statTarget = smallDir.resolve("file-7");
        fourKiB = randomBytes(4096);
        cluster = randomBytes((int) store.getBlockSize());
        growing = FileChannel.open(fs.getPath("/work/growing"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @TearDown(Level.Trial)
    public void unmount() throws IOException {
        growing.close();
        fs.close();
    }

    private static ByteBuffer randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    Path newFileName() {
        return fs.getPath("/work/file-" + created++);
    }

    /** Gives the delete benchmark a fresh 4 KiB file before each call. */
    @State(Scope.Thread)
    public static class FileToDelete {
        Path path;

        @Setup(Level.Invocation)
        public void create(VolumeOperationsBenchmark volume) throws IOException {
            path = volume.newFileName();
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(volume.fourKiB.clear());
            }
        }
    }

    /** Removes what the create benchmark made, so the directory stays small. */
    @State(Scope.Thread)
    public static class CreatedFile {
        Path path;

        @TearDown(Level.Invocation)
        public void delete() throws IOException {
            Files.delete(path);
        }
    }

    /** Keeps the growing file short enough for a 90%-full 64 MiB volume. */
    @State(Scope.Thread)
    public static class GrowthLimit {
        @TearDown(Level.Invocation)
        public void truncateWhenLong(VolumeOperationsBenchmark volume) throws IOException {
            if (volume.growing.size() >= 32L * volume.cluster.capacity()) {
                volume.growing.truncate(0);
            }
        }
    }

    @Benchmark
    public Path createWrite4KiBClose(CreatedFile created) throws IOException {
        created.path = newFileName();
        try (FileChannel ch = FileChannel.open(created.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(fourKiB.clear());
        }
        return created.path;
    }

    /** One cluster per call: 2 KiB on the 64 MiB volume, 32 KiB on the 2 GiB one (FAT16's cluster sizes). */
    @Benchmark
    public long appendOneCluster(GrowthLimit limit) throws IOException {
        return growing.write(cluster.clear());
    }

    @Benchmark
    public Path delete(FileToDelete file) throws IOException {
        Files.delete(file.path);
        return file.path;
    }

    @Benchmark
    public BasicFileAttributes stat() throws IOException {
        return Files.readAttributes(statTarget, BasicFileAttributes.class);
    }

    @Benchmark
    public int listSmallDirectory() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(smallDir)) {
            for (Path ignored : entries) {
                n++;
            }
        }
        return n;
    }

    /** What SFTP's statvfs asks. */
    @Benchmark
    public long usableSpace() throws IOException {
        return store.getUsableSpace();
    }
}

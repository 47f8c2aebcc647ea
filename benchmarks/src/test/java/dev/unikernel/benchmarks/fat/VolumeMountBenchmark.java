package dev.unikernel.benchmarks.fat;

import dev.unikernel.fat.Fat16;
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
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mounting must not cost more on a larger or fuller volume beyond reading its FAT (at most 128 KiB):
 * mount, write and delete one 4 KiB file (the first allocation after mount), unmount. Same volumes as
 * {@link VolumeOperationsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class VolumeMountBenchmark {

    @Param({"64", "2047"})
    public long volumeMiB;

    @Param({"0", "90"})
    public int fillPercent;

    private FilledVolume volume;
    private final ByteBuffer fourKiB = ByteBuffer.wrap(new byte[4096]);

    @Setup(Level.Trial)
    public void create() throws IOException {
        volume = FilledVolume.create(volumeMiB, fillPercent);
        fourKiB.put(0, (byte) 1); // not all zeros: the device skips storing those
    }

    @Benchmark
    public int mountWriteUnmount() throws IOException {
        try (FileSystem fs = Fat16.mount(volume.device)) {
            Path p = fs.getPath("/work/after-mount");
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(fourKiB.clear());
            }
            Files.delete(p);
            return p.hashCode();
        }
    }
}

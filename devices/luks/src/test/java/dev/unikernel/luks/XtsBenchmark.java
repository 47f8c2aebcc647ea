package dev.unikernel.luks;

import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * AES-XTS against its practical ceiling, raw JCA {@code AES/ECB/NoPadding} over the same buffers
 * in the same run: calls of 4 KiB (one FAT cluster) and 64 KiB (a large transfer), over 512- and
 * 4096-byte sectors. XTS adds the tweak stream and two XOR passes to the ECB work, so the ratio
 * shows their cost. {@code deviceWrite}/{@code deviceRead} go through {@link LuksDevice} over a
 * {@link MemoryBlockDevice}: the real data path, including the in-memory device's copy.
 *
 * <p>Not part of the test phase (no @Test). Run from the repository root; {@code main} prints
 * the JMH table, then GB/s and XTS/ECB ratios (from the medians and from the best iterations of all forks):
 *
 * <pre>
 * ./mvnw -o -B -q -pl devices/luks test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
 * java -cp devices/luks/target/test-classes:devices/luks/target/classes:$(cat devices/luks/target/benchmark.classpath) \
 *     dev.unikernel.luks.XtsBenchmark -f 3 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 *
 * Any JMH option works, e.g. {@code -jvmArgsAppend -XX:UseAVX=2} for AES-NI without VAES.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class XtsBenchmark {

    @Param({"4096", "65536"})
    public int bytes;

    @Param({"512", "4096"})
    public int sectorSize;

    private static final int DEVICE_BYTES = 4 << 20;

    private XtsAes xts;
    private Cipher ecbEncrypt;
    private Cipher ecbDecrypt;
    private byte[] input;
    private byte[] output;
    private long unit;
    private LuksDevice device;
    private long deviceSector;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, IOException {
        byte[] key = new byte[64];
        new Random(1).nextBytes(key);
        xts = new XtsAes(key);
        SecretKeySpec dataKey = new SecretKeySpec(Arrays.copyOf(key, 32), "AES");
        ecbEncrypt = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
        ecbEncrypt.init(Cipher.ENCRYPT_MODE, dataKey);
        ecbDecrypt = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
        ecbDecrypt.init(Cipher.DECRYPT_MODE, dataKey);
        input = new byte[bytes];
        new Random(2).nextBytes(input);
        output = new byte[bytes];

        device = Luks.format(MemoryBlockDevice.ofSize(DEVICE_BYTES + (16 << 20), 512), "benchmark".getBytes(),
                LuksFormatOptions.defaults().withSectorSize(sectorSize).withKdf(LuksKdf.pbkdf2(1000)));
        // Write every sector once: an unwritten page of the memory device reads byte by byte.
        for (long sector = 0; sector + bytes / sectorSize <= device.sectorCount(); sector += bytes / sectorSize) {
            device.write(sector, ByteBuffer.wrap(input));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        device.close();
    }

    @Benchmark
    public byte[] xtsEncrypt() {
        xts.encrypt(input, 0, output, 0, bytes, sectorSize, unit, sectorSize / 512);
        unit += bytes / 512;
        return output;
    }

    @Benchmark
    public byte[] xtsDecrypt() {
        xts.decrypt(input, 0, output, 0, bytes, sectorSize, unit, sectorSize / 512);
        unit += bytes / 512;
        return output;
    }

    @Benchmark
    public byte[] ecbEncrypt() throws ShortBufferException {
        ecbEncrypt.update(input, 0, bytes, output, 0);
        return output;
    }

    @Benchmark
    public byte[] ecbDecrypt() throws ShortBufferException {
        ecbDecrypt.update(input, 0, bytes, output, 0);
        return output;
    }

    @Benchmark
    public byte[] deviceWrite() throws IOException {
        device.write(nextDeviceSector(), ByteBuffer.wrap(input));
        return input;
    }

    @Benchmark
    public byte[] deviceRead() throws IOException {
        device.read(nextDeviceSector(), ByteBuffer.wrap(output));
        return output;
    }

    private long nextDeviceSector() {
        long sectors = bytes / sectorSize;
        if (deviceSector + sectors > device.sectorCount()) {
            deviceSector = 0;
        }
        long sector = deviceSector;
        deviceSector += sectors;
        return sector;
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions options = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(options)
                .include(XtsBenchmark.class.getName()).build()).run();
        printRatios(results);
    }

    /**
     * One line per call size and sector size: each operation's GB/s and its ratio to ECB, once from
     * the medians and once from the best iterations. Other programs on a shared machine only ever
     * slow an iteration down, and ECB and XTS run at different times, so the best-iteration ratio
     * is the steadier of the two there.
     */
    private static void printRatios(Collection<RunResult> results) {
        System.out.println();
        System.out.println("GB/s; ratio = XTS (or device) throughput / ECB throughput on the same buffers");
        printRatios(results, "median", false);
        printRatios(results, "best", true);
    }

    private static void printRatios(Collection<RunResult> results, String statistic, boolean best) {
        Map<String, Map<String, Double>> gbPerSecond = new TreeMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            String operation = label.substring(label.lastIndexOf('.') + 1);
            int bytes = Integer.parseInt(result.getParams().getParam("bytes"));
            String config = String.format("%6s %6d-byte calls, %4s-byte sectors", statistic, bytes, result.getParams().getParam("sectorSize"));
            var statistics = result.getPrimaryResult().getStatistics();
            double opsPerMs = best ? statistics.getMax() : statistics.getPercentile(50);
            gbPerSecond.computeIfAbsent(config, k -> new TreeMap<>()).put(operation, opsPerMs * bytes / 1e6);
        }
        gbPerSecond.forEach((config, gb) -> System.out.printf(
                "%s: ECB enc %5.2f dec %5.2f | XTS enc %5.2f (%.2f) dec %5.2f (%.2f) | device write %5.2f (%.2f) read %5.2f (%.2f)%n",
                config, gb.get("ecbEncrypt"), gb.get("ecbDecrypt"),
                gb.get("xtsEncrypt"), gb.get("xtsEncrypt") / gb.get("ecbEncrypt"),
                gb.get("xtsDecrypt"), gb.get("xtsDecrypt") / gb.get("ecbDecrypt"),
                gb.get("deviceWrite"), gb.get("deviceWrite") / gb.get("ecbEncrypt"),
                gb.get("deviceRead"), gb.get("deviceRead") / gb.get("ecbDecrypt")));
    }
}

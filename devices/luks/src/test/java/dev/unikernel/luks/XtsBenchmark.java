package dev.unikernel.luks;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential AES-XTS of 4 KiB sectors (one per call, and 16 per call as a 64 KiB cluster write
 * would) against the practical ceiling: raw JCA {@code AES/ECB/NoPadding} over the same buffers.
 * XTS adds the tweak stream and two XOR passes to the ECB work, so the ratio shows their cost.
 * Not part of the test phase (no @Test). Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -pl devices/luks test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
 * java -cp devices/luks/target/test-classes:devices/luks/target/classes:$(cat devices/luks/target/benchmark.classpath) \
 *     org.openjdk.jmh.Main XtsBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s
 * </pre>
 *
 * Throughput in MB/s is the reported ops/ms times {@code bytes} / 1000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class XtsBenchmark {

    @Param({"4096", "65536"})
    public int bytes;

    private XtsAes xts;
    private Cipher ecbEncrypt;
    private Cipher ecbDecrypt;
    private byte[] input;
    private byte[] output;
    private long sector;

    @Setup
    public void setUp() throws GeneralSecurityException {
        byte[] key = new byte[64];
        new Random(1).nextBytes(key);
        xts = new XtsAes(key);
        SecretKeySpec half = new SecretKeySpec(Arrays.copyOf(key, 32), "AES");
        ecbEncrypt = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
        ecbEncrypt.init(Cipher.ENCRYPT_MODE, half);
        ecbDecrypt = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
        ecbDecrypt.init(Cipher.DECRYPT_MODE, half);
        input = new byte[bytes];
        new Random(2).nextBytes(input);
        output = new byte[bytes];
    }

    @Benchmark
    public byte[] xtsEncrypt() {
        xts.encrypt(input, 0, output, 0, bytes, 4096, sector, 8);
        sector += bytes / 512;
        return output;
    }

    @Benchmark
    public byte[] xtsDecrypt() {
        xts.decrypt(input, 0, output, 0, bytes, 4096, sector, 8);
        sector += bytes / 512;
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
}

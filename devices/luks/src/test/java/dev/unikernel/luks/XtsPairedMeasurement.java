package dev.unikernel.luks;

import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The XTS/ECB ratio measured for a shared, noisy machine, where {@link XtsBenchmark}'s JMH runs
 * see ECB and XTS at different moments: here raw JCA ECB, XTS and the {@link LuksDevice} path
 * alternate in rounds of about a millisecond each in one JVM, each round gives its own ratios,
 * and the medians of many rounds are printed. Not part of the test phase. Run from the
 * repository root after building the classpath as {@link XtsBenchmark} says:
 *
 * <pre>
 * java [-XX:UseAVX=2] -cp devices/luks/target/test-classes:devices/luks/target/classes:$(cat devices/luks/target/benchmark.classpath) \
 *     dev.unikernel.luks.XtsPairedMeasurement
 * </pre>
 */
public final class XtsPairedMeasurement {

    private static final int ROUNDS = 25;
    private static final long BYTES_PER_ROUND = 4 << 20;

    private XtsPairedMeasurement() {
    }

    public static void main(String[] args) throws GeneralSecurityException, IOException {
        for (int bytes : new int[] {4096, 65536}) {
            for (int sectorSize : new int[] {512, 4096}) {
                measure(bytes, sectorSize);
            }
        }
    }

    private static void measure(int bytes, int sectorSize) throws GeneralSecurityException, IOException {
        byte[] key = new byte[64];
        new Random(1).nextBytes(key);
        XtsAes xts = new XtsAes(key);
        SecretKeySpec dataKey = new SecretKeySpec(Arrays.copyOf(key, 32), "AES");
        Cipher ecbEncrypt = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
        ecbEncrypt.init(Cipher.ENCRYPT_MODE, dataKey);
        Cipher ecbDecrypt = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
        ecbDecrypt.init(Cipher.DECRYPT_MODE, dataKey);
        byte[] input = new byte[bytes];
        new Random(2).nextBytes(input);
        byte[] output = new byte[bytes];
        LuksDevice device = Luks.format(MemoryBlockDevice.ofSize(BYTES_PER_ROUND + (16 << 20), 512), "measurement".getBytes(),
                LuksFormatOptions.defaults().withSectorSize(sectorSize).withKdf(LuksKdf.pbkdf2(1000)));
        int calls = (int) (BYTES_PER_ROUND / bytes);
        int sectorsPerCall = bytes / sectorSize;
        // Write every sector first: an unwritten page of the memory device reads byte by byte.
        for (int call = 0; call < calls; call++) {
            device.write((long) call * sectorsPerCall, ByteBuffer.wrap(input));
        }

        // Columns: ECB encrypt, XTS encrypt, ECB decrypt, XTS decrypt, device write, device read.
        double[][] nanos = new double[6][ROUNDS];
        long unit = 0;
        for (int warmUp = 1; warmUp >= 0; warmUp--) {
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    ecbEncrypt.update(input, 0, bytes, output, 0);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < calls; i++, unit += bytes / 512) {
                    xts.encrypt(input, 0, output, 0, bytes, sectorSize, unit, sectorSize / 512);
                }
                long t2 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    ecbDecrypt.update(input, 0, bytes, output, 0);
                }
                long t3 = System.nanoTime();
                for (int i = 0; i < calls; i++, unit += bytes / 512) {
                    xts.decrypt(input, 0, output, 0, bytes, sectorSize, unit, sectorSize / 512);
                }
                long t4 = System.nanoTime();
                for (int call = 0; call < calls; call++) {
                    device.write((long) call * sectorsPerCall, ByteBuffer.wrap(input));
                }
                long t5 = System.nanoTime();
                for (int call = 0; call < calls; call++) {
                    device.read((long) call * sectorsPerCall, ByteBuffer.wrap(output));
                }
                long t6 = System.nanoTime();
                long[] times = {t0, t1, t2, t3, t4, t5, t6};
                for (int column = 0; column < 6; column++) {
                    nanos[column][round] = times[column + 1] - times[column];
                }
            }
        }
        device.close();

        double[] ratios = new double[ROUNDS];
        System.out.printf("%6d-byte calls, %4d-byte sectors: ECB enc %5.2f dec %5.2f GB/s | XTS enc %5.2f (%.2f) dec %5.2f (%.2f)"
                        + " | device write %5.2f (%.2f) read %5.2f (%.2f)%n", bytes, sectorSize,
                gbPerSecond(nanos[0]), gbPerSecond(nanos[2]),
                gbPerSecond(nanos[1]), medianRatio(nanos[0], nanos[1], ratios),
                gbPerSecond(nanos[3]), medianRatio(nanos[2], nanos[3], ratios),
                gbPerSecond(nanos[4]), medianRatio(nanos[0], nanos[4], ratios),
                gbPerSecond(nanos[5]), medianRatio(nanos[2], nanos[5], ratios));
    }

    private static double gbPerSecond(double[] roundNanos) {
        double[] rates = new double[roundNanos.length];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = BYTES_PER_ROUND / roundNanos[i];
        }
        return median(rates);
    }

    /** Per round, the ECB time over the other's time (its throughput relative to ECB); their median. */
    private static double medianRatio(double[] ecbNanos, double[] otherNanos, double[] scratch) {
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = ecbNanos[i] / otherNanos[i];
        }
        return median(scratch);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

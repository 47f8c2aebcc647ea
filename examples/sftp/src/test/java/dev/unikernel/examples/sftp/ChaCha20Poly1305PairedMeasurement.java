package dev.unikernel.examples.sftp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.cipher.ChaCha20Cipher;
import org.apache.sshd.common.cipher.Cipher;

/**
 * How fast chacha20-poly1305@openssh.com encrypts and authenticates a packet (what a download costs
 * the server), measured for a shared, noisy machine: the contenders alternate in rounds of a few
 * milliseconds in one JVM, each round gives its own ratios, and the medians of many rounds are
 * printed. Per packet of each size:
 * <ul>
 * <li>Poly1305 alone over the 4-byte length and the payload: {@link PortablePoly1305} and, when
 *     {@code java.base/com.sun.crypto.provider} is opened to us, {@link RuntimePoly1305};
 * <li>the JDK's ChaCha20 alone (init, then the payload in place): the keystream's share;
 * <li>the whole packet through {@link ChaCha20Poly1305Transport} with either Poly1305, through MINA's
 *     {@link ChaCha20Cipher}, and through the JDK's RFC 8439 "ChaCha20-Poly1305" cipher (not the same
 *     construction, but the same work: the practical ceiling).
 * </ul>
 * Not part of the test phase: {@code scripts/bench-chacha20-poly1305.sh} runs it.
 */
public final class ChaCha20Poly1305PairedMeasurement {

    private static final int ROUNDS = 31;
    private static final long BYTES_PER_ROUND = 4 << 20;
    private static final int TAG = Poly1305.TAG_SIZE;

    private ChaCha20Poly1305PairedMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Poly1305 of the Java runtime: " + (RuntimePoly1305.USABLE ? "usable" : "not usable")
                + "; the transport uses " + Poly1305.create().getClass().getSimpleName());
        for (int size : new int[] {32768, 1024}) {
            measure(size);
        }
    }

    /** One contender: the work on one packet of {@code length} payload bytes at {@code packet[0]}. */
    private interface PacketWork {
        void run(byte[] packet, int length) throws Exception;
    }

    private static void measure(int length) throws Exception {
        Random random = new Random(1);
        byte[] key = new byte[64];
        random.nextBytes(key);
        byte[] packet = new byte[4 + length + TAG];
        random.nextBytes(packet);

        String[] names = {"poly1305.ours", "poly1305.runtime", "chacha20.jdk", "transport.ours-mac",
                "transport.runtime-mac", "mina", "jdk-aead"};
        PacketWork[] contenders = {
                poly1305(new PortablePoly1305(), key),
                RuntimePoly1305.USABLE ? poly1305(new RuntimePoly1305(), key) : null,
                keystream(key),
                transport(new ChaCha20Poly1305Transport(new PortablePoly1305()), key),
                RuntimePoly1305.USABLE ? transport(new ChaCha20Poly1305Transport(new RuntimePoly1305()), key) : null,
                transport(new ChaCha20Cipher(), key),
                jdkAead(key),
        };
        int packets = (int) (BYTES_PER_ROUND / length);
        double[][] nanos = new double[contenders.length][ROUNDS];
        for (int warmUp = 1; warmUp >= 0; warmUp--) {
            for (int round = 0; round < ROUNDS; round++) {
                for (int c = 0; c < contenders.length; c++) {
                    if (contenders[c] == null) {
                        continue;
                    }
                    long start = System.nanoTime();
                    for (int p = 0; p < packets; p++) {
                        contenders[c].run(packet, length);
                    }
                    nanos[c][round] = System.nanoTime() - start;
                }
            }
        }

        System.out.printf("%6d-byte packets (MB/s, medians of %d rounds):", length, ROUNDS);
        for (int c = 0; c < contenders.length; c++) {
            if (contenders[c] != null) {
                System.out.printf(" %s %.0f", names[c], megabytesPerSecond(nanos[c]));
            }
        }
        System.out.println();
        // Ratios: per round, the other's time over ours (our throughput relative to it); their median.
        ratio("poly1305.runtime-vs-ours", length, nanos[1], nanos[0]);
        ratio("transport.ours-mac-vs-mina", length, nanos[3], nanos[5]);
        ratio("transport.ours-mac-vs-jdk-aead", length, nanos[3], nanos[6]);
        ratio("transport.runtime-mac-vs-mina", length, nanos[4], nanos[5]);
        ratio("transport.runtime-mac-vs-jdk-aead", length, nanos[4], nanos[6]);
        ratio("transport.runtime-mac-vs-ours-mac", length, nanos[4], nanos[3]);
    }

    private static PacketWork poly1305(Poly1305 mac, byte[] key) {
        return (packet, length) -> {
            mac.init(key, 0);
            mac.update(packet, 0, 4);
            mac.update(packet, 4, length);
            mac.doFinal(packet, 4 + length);
        };
    }

    private static PacketWork keystream(byte[] key) throws GeneralSecurityException {
        javax.crypto.Cipher chacha = javax.crypto.Cipher.getInstance("ChaCha20");
        SecretKeySpec secret = new SecretKeySpec(key, 0, 32, "ChaCha20");
        byte[] nonce = new byte[12];
        long[] sequence = {0};
        return (packet, length) -> {
            nextNonce(nonce, sequence);
            chacha.init(javax.crypto.Cipher.ENCRYPT_MODE, secret, new ChaCha20ParameterSpec(nonce, 1));
            chacha.update(packet, 4, length, packet, 4);
        };
    }

    private static PacketWork transport(Cipher cipher, byte[] key) throws Exception {
        cipher.init(Cipher.Mode.Encrypt, key, new byte[8]);
        return (packet, length) -> cipher.updateWithAAD(packet, 0, 4, length);
    }

    private static PacketWork jdkAead(byte[] key) throws GeneralSecurityException {
        javax.crypto.Cipher aead = javax.crypto.Cipher.getInstance("ChaCha20-Poly1305");
        SecretKeySpec secret = new SecretKeySpec(key, 0, 32, "ChaCha20");
        byte[] nonce = new byte[12];
        long[] sequence = {0};
        return (packet, length) -> {
            nextNonce(nonce, sequence); // the cipher refuses to encrypt twice under one nonce
            aead.init(javax.crypto.Cipher.ENCRYPT_MODE, secret, new IvParameterSpec(nonce));
            aead.updateAAD(packet, 0, 4);
            aead.doFinal(packet, 4, length, packet, 4);
        };
    }

    private static void nextNonce(byte[] nonce, long[] sequence) {
        long value = ++sequence[0];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    private static void ratio(String name, int length, double[] oursNanos, double[] peerNanos) {
        if (oursNanos[0] == 0 || peerNanos[0] == 0) {
            return; // a contender that did not run
        }
        double[] ratios = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            ratios[i] = peerNanos[i] / oursNanos[i];
        }
        System.out.printf("RATIO %s.%dB %.2f%n", name, length, median(ratios));
    }

    private static double megabytesPerSecond(double[] roundNanos) {
        double[] rates = new double[roundNanos.length];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = BYTES_PER_ROUND / roundNanos[i] * 1000;
        }
        return median(rates);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The packet length's keystream against the Java runtime's ChaCha20 (RFC 8439) on the same state. */
class PacketLengthKeystreamTest {

    @Test
    void isTheRuntimesChaCha20Block0() throws Exception {
        Random random = new Random(439);
        Cipher reference = Cipher.getInstance("ChaCha20");
        for (int i = 0; i < 2_000; i++) {
            byte[] key = new byte[40];
            random.nextBytes(key);
            long sequence = switch (i) {
                case 0 -> 0;
                case 1 -> 0xFFFF_FFFFL;
                case 2 -> -1L;
                default -> i % 2 == 0 ? random.nextInt() & 0xFFFF_FFFFL : random.nextLong();
            };
            byte[] length = new byte[4];
            random.nextBytes(length);

            // RFC 8439's nonce: the high word of OpenSSH's 64-bit counter (0), then the sequence number big-endian.
            byte[] nonce = new byte[12];
            for (int b = 0; b < 8; b++) {
                nonce[4 + b] = (byte) (sequence >>> (56 - 8 * b));
            }
            reference.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 8, 32, "ChaCha20"), new ChaCha20ParameterSpec(nonce, 0));
            byte[] expected = reference.update(length);

            byte[] actual = Arrays.copyOf(length, 6);
            System.arraycopy(actual, 0, actual, 2, 4); // at an odd offset, as in a packet buffer
            new PacketLengthKeystream(key, 8).apply(actual, 2, sequence);
            assertArrayEquals(expected, Arrays.copyOfRange(actual, 2, 6), "sequence " + Long.toHexString(sequence));
        }
    }
}

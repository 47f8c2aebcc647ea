package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import org.apache.sshd.common.cipher.ChaCha20Cipher;
import org.apache.sshd.common.cipher.Cipher;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our chacha20-poly1305@openssh.com against MINA's (which interoperates with OpenSSH): the same
 * packets bit for bit, decryption back to the plaintext, and refusal of a tampered packet. The e2e
 * tests run the real OpenSSH client over it.
 */
class ChaCha20Poly1305TransportTest {

    private static final int TAG = 16;

    static Stream<Arguments> macs() {
        return Stream.of(Arguments.of("our Poly1305", (Supplier<Poly1305>) PortablePoly1305::new),
                Arguments.of("the runtime's Poly1305", (Supplier<Poly1305>) RuntimePoly1305::new),
                Arguments.of("the one chosen for this machine", (Supplier<Poly1305>) Poly1305::create));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("macs")
    void encryptsExactlyAsMinaAndDecryptsBack(String name, Supplier<Poly1305> mac) throws Exception {
        Random random = new Random(7);
        for (int connection = 0; connection < 100; connection++) {
            byte[] key = new byte[64];
            random.nextBytes(key);
            // Sequence numbers anywhere in the uint32 range, and one that wraps past 2^32 - 1.
            long first = connection == 0 ? 0xFFFF_FFFEL : random.nextInt() & 0xFFFF_FFFFL;
            byte[] iv = sequenceNumber(first);
            Cipher reference = new ChaCha20Cipher();
            reference.init(Cipher.Mode.Encrypt, key, iv);
            Cipher ours = new ChaCha20Poly1305Transport(mac.get());
            ours.init(Cipher.Mode.Encrypt, key, iv);
            Cipher decrypt = new ChaCha20Poly1305Transport(mac.get());
            decrypt.init(Cipher.Mode.Decrypt, key, iv);
            for (int packet = 0; packet < 5; packet++) {
                int length = 8 * (1 + random.nextInt(4_200));
                byte[] plain = new byte[4 + length + TAG];
                random.nextBytes(plain);
                byte[] expected = plain.clone();
                reference.updateAAD(expected, 0, 4);
                reference.update(expected, 4, length);
                byte[] actual = plain.clone();
                ours.updateAAD(actual, 0, 4);
                ours.update(actual, 4, length);
                assertArrayEquals(expected, actual, "connection " + connection + ", packet " + packet);

                decrypt.updateAAD(actual, 0, 4);
                decrypt.update(actual, 4, length);
                assertArrayEquals(Arrays.copyOf(plain, 4 + length), Arrays.copyOf(actual, 4 + length));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("macs")
    void refusesATamperedPacket(String name, Supplier<Poly1305> mac) throws Exception {
        byte[] key = new byte[64];
        new Random(3).nextBytes(key);
        for (int flip : new int[] {0, 9, 4 + 64 + 15}) { // the length, the payload, the tag
            Cipher encrypt = new ChaCha20Poly1305Transport(mac.get());
            encrypt.init(Cipher.Mode.Encrypt, key, sequenceNumber(3));
            byte[] packet = new byte[4 + 64 + TAG];
            encrypt.updateAAD(packet, 0, 4);
            encrypt.update(packet, 4, 64);
            packet[flip] ^= 1;
            Cipher decrypt = new ChaCha20Poly1305Transport(mac.get());
            decrypt.init(Cipher.Mode.Decrypt, key, sequenceNumber(3));
            decrypt.updateAAD(packet, 0, 4);
            assertThrows(AEADBadTagException.class, () -> decrypt.update(packet, 4, 64), "flipped byte " + flip);
        }
    }

    @Test
    void refusesANonceThatIsNoSequenceNumber() {
        byte[] iv = sequenceNumber(1);
        iv[0] = 1;
        assertThrows(IllegalArgumentException.class, () -> new ChaCha20Poly1305Transport().init(Cipher.Mode.Encrypt, new byte[64], iv));
    }

    private static byte[] sequenceNumber(long value) {
        byte[] iv = new byte[8];
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (value >>> (56 - 8 * i));
        }
        return iv;
    }
}

package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.apache.sshd.common.mac.Poly1305Mac;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our Poly1305 and the Java runtime's, as {@link ChaCha20Poly1305Transport} drives them: RFC 8439's
 * vectors and MINA's tags. The runtime's is opened to the tests by surefire's argLine, as the launcher
 * opens it to the server.
 */
class Poly1305Test {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> implementations() {
        assertTrue(RuntimePoly1305.USABLE, "surefire opens the Java runtime's Poly1305 to the tests");
        return Stream.of(Arguments.of("ours", (Supplier<Poly1305>) PortablePoly1305::new),
                Arguments.of("the runtime's", (Supplier<Poly1305>) RuntimePoly1305::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void rfc8439Section252(String name, Supplier<Poly1305> implementation) {
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] message = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        assertEquals("a8061dc1305136c6c22b8baf0c0127a9", HEX.formatHex(tag(implementation, key, message)));
    }

    /** RFC 8439 A.3's edge cases: the final reduction and carries that only unusual values reach. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void rfc8439AppendixA3EdgeCases(String name, Supplier<Poly1305> implementation) {
        String r2 = "02" + "00".repeat(15);
        String r1 = "01" + "00".repeat(15);
        String zero = "00".repeat(16);
        assertEquals("03" + "00".repeat(15), HEX.formatHex(tag(implementation, HEX.parseHex(r2 + zero), HEX.parseHex("ff".repeat(16)))));
        assertEquals("03" + "00".repeat(15),
                HEX.formatHex(tag(implementation, HEX.parseHex(r2 + "ff".repeat(16)), HEX.parseHex("02" + "00".repeat(15)))));
        assertEquals("05" + "00".repeat(15), HEX.formatHex(tag(implementation, HEX.parseHex(r1 + zero),
                HEX.parseHex("ff".repeat(16) + "f0" + "ff".repeat(15) + "11" + "00".repeat(15)))));
        assertEquals("00".repeat(16), HEX.formatHex(tag(implementation, HEX.parseHex(r1 + zero),
                HEX.parseHex("ff".repeat(16) + "fb" + "fe".repeat(15) + "01".repeat(16)))));
        assertEquals("fa" + "ff".repeat(15), HEX.formatHex(tag(implementation, HEX.parseHex(r2 + zero), HEX.parseHex("fd" + "ff".repeat(15)))));
    }

    /** The same tags as MINA's implementation for any key, length and way of splitting the updates. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void agreesWithMinaOnRandomMessagesAndSplits(String name, Supplier<Poly1305> implementation) throws Exception {
        Random random = new Random(20261126);
        Poly1305Mac reference = new Poly1305Mac();
        Poly1305 ours = implementation.get();
        for (int i = 0; i < 5_000; i++) {
            int length = random.nextInt(2_100);
            byte[] message = new byte[length + 5];
            byte[] key = new byte[Poly1305.KEY_SIZE];
            random.nextBytes(message);
            random.nextBytes(key);
            if (i % 7 == 0) {
                Arrays.fill(message, (byte) 0xFF); // maximal limbs: the carries' worst case
            }
            if (i % 11 == 0) {
                Arrays.fill(key, (byte) 0xFF);
            }
            reference.init(key);
            reference.update(message, 5, length);
            byte[] expected = reference.doFinal();

            ours.init(key, 0);
            for (int offset = 5, left = length; left > 0;) {
                int piece = Math.min(left, 1 + random.nextInt(48));
                ours.update(message, offset, piece);
                offset += piece;
                left -= piece;
            }
            byte[] actual = new byte[Poly1305.TAG_SIZE];
            ours.doFinal(actual, 0);
            assertArrayEquals(expected, actual, "message " + i + " of " + length + " bytes");
        }
    }

    /**
     * The runtime's against ours on packet-sized messages, the length first as the transport feeds
     * them, often enough that HotSpot compiles its AVX-512 intrinsic (where the CPU has one) and the
     * later tags come from it.
     */
    @Test
    void theRuntimesAgreesWithOursOnPacketsOnceCompiled() {
        Random random = new Random(8439);
        Poly1305 ours = new PortablePoly1305();
        Poly1305 runtime = new RuntimePoly1305();
        byte[] key = new byte[Poly1305.KEY_SIZE];
        byte[] message = new byte[4 + 4096 + 15];
        byte[] expected = new byte[Poly1305.TAG_SIZE];
        byte[] actual = new byte[Poly1305.TAG_SIZE];
        random.nextBytes(message);
        for (int i = 0; i < 15_000; i++) {
            random.nextBytes(key);
            int length = i % 3 == 0 ? 4096 : random.nextInt(4096 + 15);
            message[4 + random.nextInt(4096)] ^= (byte) i;
            for (Poly1305 mac : new Poly1305[] {ours, runtime}) {
                mac.init(key, 0);
                mac.update(message, 0, 4);
                mac.update(message, 4, length);
                mac.doFinal(mac == ours ? expected : actual, 0);
            }
            assertArrayEquals(expected, actual, "packet " + i + " of " + length + " bytes");
        }
    }

    private static byte[] tag(Supplier<Poly1305> implementation, byte[] key, byte[] message) {
        Poly1305 poly = implementation.get();
        poly.init(key, 0);
        poly.update(message, 0, message.length);
        byte[] tag = new byte[Poly1305.TAG_SIZE];
        poly.doFinal(tag, 0);
        return tag;
    }
}

package dev.unikernel.examples.sftp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * RFC 8439's Poly1305 vectors (section 2.5.2 and appendix A.3: #1, #4 and the edge cases #5 to #11,
 * which reach the final reduction and carries only unusual values do), each fed whole and in pieces.
 * {@link RuntimePoly1305} must give these tags before the transport uses it: it is the Java runtime's
 * internal class, whose behaviour no API promises.
 */
final class Poly1305KnownAnswers {

    private record Vector(String name, String key, String message, String tag) {
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final String ZERO16 = "00".repeat(16);
    private static final String R1 = "01" + "00".repeat(15);
    private static final String R2 = "02" + "00".repeat(15);
    private static final String R10 = "01000000000000000400000000000000";

    private static final List<Vector> VECTORS = List.of(
            new Vector("2.5.2", "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b",
                    hex("Cryptographic Forum Research Group"), "a8061dc1305136c6c22b8baf0c0127a9"),
            new Vector("A.3 #1", "00".repeat(32), "00".repeat(64), ZERO16),
            new Vector("A.3 #4", "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
                    hex("'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\nAll mimsy were the"
                            + " borogoves,\nAnd the mome raths outgrabe."), "4541669a7eaaee61e708dc7cbcc5eb62"),
            new Vector("A.3 #5", R2 + ZERO16, "ff".repeat(16), "03" + "00".repeat(15)),
            new Vector("A.3 #6", R2 + "ff".repeat(16), "02" + "00".repeat(15), "03" + "00".repeat(15)),
            new Vector("A.3 #7", R1 + ZERO16, "ff".repeat(16) + "f0" + "ff".repeat(15) + "11" + "00".repeat(15),
                    "05" + "00".repeat(15)),
            new Vector("A.3 #8", R1 + ZERO16, "ff".repeat(16) + "fb" + "fe".repeat(15) + "01".repeat(16), ZERO16),
            new Vector("A.3 #9", R2 + ZERO16, "fd" + "ff".repeat(15), "fa" + "ff".repeat(15)),
            new Vector("A.3 #10", R10 + ZERO16, "e33594d7505e43b900000000000000003394d7505e4379cd01000000000000000000000000000000"
                    + "000000000000000001000000000000000000000000000000", "14000000000000005500000000000000"),
            new Vector("A.3 #11", R10 + ZERO16, "e33594d7505e43b900000000000000003394d7505e4379cd010000000000000000000000000000"
                    + "000000000000000000", "13000000000000000000000000000000"));

    private Poly1305KnownAnswers() {
    }

    /** Null when {@code implementation} gives every tag, fed whole and in pieces; else which one it got wrong. */
    static String failure(Supplier<Poly1305> implementation) {
        for (Vector vector : VECTORS) {
            byte[] key = HEX.parseHex(vector.key());
            byte[] message = HEX.parseHex(vector.message());
            byte[] expected = HEX.parseHex(vector.tag());
            for (int piece : new int[] {message.length, 1, 15, 16, 17}) {
                byte[] tag = new byte[Poly1305.TAG_SIZE];
                try {
                    Poly1305 mac = implementation.get();
                    mac.init(key, 0);
                    for (int offset = 0; offset < message.length; offset += piece) {
                        mac.update(message, offset, Math.min(piece, message.length - offset));
                    }
                    mac.doFinal(tag, 0);
                } catch (RuntimeException e) {
                    return "RFC 8439 " + vector.name() + " failed: " + e;
                }
                if (!Arrays.equals(tag, expected)) {
                    return "RFC 8439 " + vector.name() + " gave the tag " + HEX.formatHex(tag) + ", not " + vector.tag()
                            + (piece < message.length ? " (fed " + piece + " bytes at a time)" : "");
                }
            }
        }
        return null;
    }

    private static String hex(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }
}

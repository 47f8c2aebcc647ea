package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The start-up check of a Poly1305 against RFC 8439's vectors, and what the transport does when it fails. */
class Poly1305KnownAnswersTest {

    @Test
    void oursAndTheRuntimesGiveRfc8439sTags() {
        assertNull(Poly1305KnownAnswers.failure(PortablePoly1305::new));
        assertTrue(RuntimePoly1305.USABLE, "surefire opens the Java runtime's Poly1305 to the tests");
        assertNull(Poly1305KnownAnswers.failure(RuntimePoly1305::new));
        assertNull(RuntimePoly1305.KNOWN_ANSWER_FAILURE);
    }

    @Test
    void aPoly1305ThatGetsATagWrongOrThrowsIsNamed() {
        String wrong = Poly1305KnownAnswers.failure(() -> new Twisted(false));
        assertTrue(wrong != null && wrong.startsWith("RFC 8439 2.5.2 gave the tag "), wrong);
        // Wrong only when fed in pieces, as a broken block buffer would be.
        String pieces = Poly1305KnownAnswers.failure(() -> new Twisted(true));
        assertTrue(pieces != null && pieces.endsWith("(fed 1 bytes at a time)"), pieces);
        String threw = Poly1305KnownAnswers.failure(() -> {
            throw new IllegalStateException("the Java runtime's Poly1305 refused a key");
        });
        assertEquals("RFC 8439 2.5.2 failed: java.lang.IllegalStateException: the Java runtime's Poly1305 refused a key", threw);
    }

    @Test
    void aRuntimePoly1305ThatFailsItsKnownAnswersIsNotPreferred() {
        assertEquals(false, RuntimePoly1305.preferred(true, null, "RFC 8439 A.3 #7 gave the tag 00, not 05"));
        assertEquals(false, RuntimePoly1305.preferred(true, "this CPU has no AVX512-IFMA", null));
        assertEquals(false, RuntimePoly1305.preferred(false, null, null));
        assertEquals(true, RuntimePoly1305.preferred(true, null, null));
    }

    /** Ours, with one bit of the tag flipped, or with one-byte pieces dropped. */
    private static final class Twisted implements Poly1305 {
        private final Poly1305 ours = new PortablePoly1305();
        private final boolean dropOneBytePieces;

        Twisted(boolean dropOneBytePieces) {
            this.dropOneBytePieces = dropOneBytePieces;
        }

        @Override
        public void init(byte[] key, int offset) {
            ours.init(key, offset);
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            if (!(dropOneBytePieces && length == 1)) {
                ours.update(data, offset, length);
            }
        }

        @Override
        public void doFinal(byte[] out, int offset) {
            ours.doFinal(out, offset);
            if (!dropOneBytePieces) {
                out[offset + 15] ^= 1;
            }
        }
    }
}

package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Decoding a long name's UTF-16 units as a damaged or foreign volume may hold them. */
class LongNameSlotsTest {

    private static String decode(String units) {
        return LongNameSlots.finish((units + "\0").toCharArray());
    }

    @Test
    void keepsValidNamesAndPairsAndEndsAtTheTerminator() {
        assertEquals("entry number 7", decode("entry number 7"));
        assertEquals("clef \uD834\uDD1E.txt", decode("clef \uD834\uDD1E.txt"));
        assertEquals("abc", LongNameSlots.finish(new char[] {'a', 'b', 'c'}));
    }

    @Test
    void aSurrogateWithoutItsPairBecomesTheReplacementCharacter() {
        assertEquals("entry\uFFFD7", decode("entry\uD800" + "7"));
        assertEquals("entry\uFFFD", decode("entry\uDC00"));
        assertEquals("\uFFFD\uFFFD", decode("\uDC00\uD800"));
        assertEquals("x\uFFFD", decode("x\uD834"));
    }
}

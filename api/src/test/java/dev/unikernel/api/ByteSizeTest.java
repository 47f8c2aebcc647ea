package dev.unikernel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void parsesBinaryUnitsAndPrintsTheShortestForm() {
        assertEquals(256L << 20, ByteSize.parse("256M").bytes());
        assertEquals(64L << 10, ByteSize.parse("64kiB").bytes());
        assertEquals(2L << 30, ByteSize.parse(" 2G ").bytes());
        assertEquals(4096, ByteSize.parse("4096").bytes());
        assertEquals("256M", ByteSize.parse("262144K").toString());
        assertEquals("1000", new ByteSize(1000).toString());
    }

    @Test
    void rejectsGarbageNegativeAndOverflow() {
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("lots"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999999T"));
    }
}

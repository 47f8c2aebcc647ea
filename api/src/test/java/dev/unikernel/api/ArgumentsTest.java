package dev.unikernel.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void holdsACopyOfTheWordsInOrder() {
        List<String> given = new ArrayList<>(List.of("ls", "--help", "disk image.img"));
        Arguments arguments = Arguments.of(given);
        given.set(0, "rm");
        assertEquals(List.of("ls", "--help", "disk image.img"), arguments.words());
        assertArrayEquals(new String[] {"ls", "--help", "disk image.img"}, arguments.array());
    }

    @Test
    void wordsCannotBeChanged() {
        Arguments arguments = Arguments.of("mkfs", "a.img");
        assertThrows(UnsupportedOperationException.class, () -> arguments.words().add("x"));
        arguments.array()[0] = "changed";
        assertEquals("mkfs", arguments.words().getFirst());
    }
}

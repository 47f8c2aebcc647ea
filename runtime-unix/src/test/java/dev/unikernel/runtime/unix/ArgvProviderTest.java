package dev.unikernel.runtime.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgvProviderTest {

    @Test
    void holdsACopyOfTheWordsAsGiven() {
        String[] words = {"ls", "--help", "a b.img"};
        var arguments = HostDevices.argv(words);
        words[0] = "rm";
        assertEquals(List.of("ls", "--help", "a b.img"), arguments.words());
    }
}

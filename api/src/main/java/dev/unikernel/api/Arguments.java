package dev.unikernel.api;

import java.util.List;

/**
 * The program's command-line words, as mirage's argv: what a command-line tool reads. On unix the
 * launcher's arguments ({@code bin/NAME WORD...}), on oci the container's arguments (the words after
 * the image's entrypoint: {@code docker run IMAGE WORD...}), on vm init's words after {@code --} on
 * the kernel command line that follow java's own.
 *
 * <p>An application that asks for this device takes every word, {@code --help} included: the
 * generated {@code Main} reads no key from them, so its keys come from the target's other sources
 * ({@code UNIKERNEL_<KEY>} environment variables on unix and oci, the kernel command line on vm) and
 * their defaults.
 */
@Device("arguments")
public interface Arguments {

    /** The words in order, without the program's name; unmodifiable. */
    List<String> words();

    /** The words as an array, for a {@code main(String[])}-style entry point. */
    default String[] array() {
        return words().toArray(String[]::new);
    }

    /** A device holding a copy of {@code words}. */
    static Arguments of(List<String> words) {
        List<String> copy = List.copyOf(words);
        return () -> copy;
    }

    /** A device holding a copy of {@code words}. */
    static Arguments of(String... words) {
        return of(List.of(words));
    }
}

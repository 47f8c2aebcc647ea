package dev.unikernel.runtime.vm;

import dev.unikernel.api.Arguments;
import dev.unikernel.api.Provider;

/**
 * The vm target's {@code argv}: the kernel hands init (java) the words after {@code --} on its
 * command line, the first of which is java's {@code @/app/java.args}, which ends with the main
 * class; java gives the words that follow to {@code main}. So {@code -append "... -- @/app/java.args
 * mkfs /dev/vda"} gives the application {@code mkfs /dev/vda}, double quotes grouping as the kernel
 * does.
 */
public final class InitArguments {

    private InitArguments() {
    }

    @Provider(value = "argv", doc = "init's words after java's own on the kernel command line (after --)", targets = "vm")
    public static Arguments argv(String[] words) {
        return Arguments.of(words);
    }
}

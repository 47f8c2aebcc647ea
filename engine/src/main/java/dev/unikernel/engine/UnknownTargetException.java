package dev.unikernel.engine;

import java.util.Collection;

/** The target named by {@code -Dtarget} (or {@code <target>}) is not one this plugin knows. */
public final class UnknownTargetException extends UnikernelException {

    public UnknownTargetException(String name, Collection<String> known) {
        super("unknown target '" + name + "': choose one of " + String.join(", ", known)
                + " with -Dtarget=NAME or <target>NAME</target> in the plugin's configuration");
    }
}

package dev.unikernel.engine;

import java.util.Collection;

/** The target is known, but this version of the plugin cannot build it yet. */
public final class TargetNotBuiltException extends UnikernelException {

    public TargetNotBuiltException(String name, Collection<String> available) {
        super("target '" + name + "' is not built yet by this version of unikernel-maven-plugin;"
                + " targets available now: " + String.join(", ", available));
    }
}

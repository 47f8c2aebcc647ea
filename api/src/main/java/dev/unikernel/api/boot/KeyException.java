package dev.unikernel.api.boot;

import java.util.List;

/** Keys given at boot that do not fit the declarations: every problem found, one line each. */
public final class KeyException extends Exception {

    private final List<String> problems;

    public KeyException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public KeyException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}

package it;

import dev.unikernel.api.Provider;

/** One provider of Greeter for every target, not preferred. */
public final class Plain {

    private Plain() {
    }

    @Provider(value = "plain", doc = "says hello")
    public static Greeter plain() {
        return name -> "Hello, " + name;
    }
}

package it;

import dev.unikernel.api.Provider;

/** A plain Greeter and a decorator of another one. */
public final class Greeters {

    private Greeters() {
    }

    @Provider(value = "plain", doc = "says hello", preferred = true)
    public static Greeter plain() {
        return name -> "Hello, " + name;
    }

    @Provider(value = "shouting", doc = "shouts what another greeter says")
    public static Greeter shouting(Greeter inner) {
        return name -> inner.greet(name).toUpperCase(java.util.Locale.ROOT);
    }
}

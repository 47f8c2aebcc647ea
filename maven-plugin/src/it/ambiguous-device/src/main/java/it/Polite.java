package it;

import dev.unikernel.api.Provider;

/** Another provider of Greeter for every target, not preferred either. */
public final class Polite {

    private Polite() {
    }

    @Provider(value = "polite", doc = "says good day")
    public static Greeter polite() {
        return name -> "Good day, " + name;
    }
}

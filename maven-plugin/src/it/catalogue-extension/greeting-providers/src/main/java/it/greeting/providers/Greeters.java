package it.greeting.providers;

import dev.unikernel.api.Key;
import dev.unikernel.api.Provider;
import it.greeting.Greeter;
import java.util.Locale;

/** Two providers of Greeter: a plain one with a key of its own, and a decorator of another Greeter. */
public final class Greeters {

    private Greeters() {
    }

    // Preferred, so a Greeter nobody configures (such as shouting's inner one) gets this one.
    @Provider(value = "plain", doc = "greets with a word of its own", preferred = true)
    public static Greeter plain(
            @Key(name = "{device}-greeting", doc = "the word greeter '{device}' greets with", defaultValue = "Hello")
                    String greeting) {
        return name -> greeting + ", " + name + "!";
    }

    @Provider(value = "shouting", doc = "shouts what another greeter says")
    public static Greeter shouting(Greeter inner) {
        return name -> inner.greet(name).toUpperCase(Locale.ROOT);
    }
}

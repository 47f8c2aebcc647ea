package it.app;

import dev.unikernel.api.Application;
import dev.unikernel.api.Key;
import it.greeting.Greeter;

/** Greets through whatever Greeter the configuration composed. */
public final class Welcome implements Application {

    private final Greeter greeter;
    private final String name;

    public Welcome(Greeter greeter, @Key(name = "name", doc = "who to greet", defaultValue = "world") String name) {
        this.greeter = greeter;
        this.name = name;
    }

    @Override
    public int run() {
        System.out.println(greeter.greet(name));
        return 0;
    }
}

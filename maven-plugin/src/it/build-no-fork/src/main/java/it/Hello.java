package it;

import dev.unikernel.api.Application;
import dev.unikernel.api.Key;

/** Greets once: the smallest application, so the ITs of the plugin's build conventions stay quick. */
public final class Hello implements Application {

    private final String name;

    public Hello(@Key(name = "name", doc = "who to greet", defaultValue = "world") String name) {
        this.name = name;
    }

    @Override
    public int run() {
        System.out.println("Hello, " + name + "!");
        return 0;
    }
}

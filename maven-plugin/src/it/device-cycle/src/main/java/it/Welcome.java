package it;

import dev.unikernel.api.Application;

/** Asks for one Greeter. */
public final class Welcome implements Application {

    private final Greeter greeter;

    public Welcome(Greeter greeter) {
        this.greeter = greeter;
    }

    @Override
    public int run() {
        System.out.println(greeter.greet("world"));
        return 0;
    }
}

package it;

import dev.unikernel.api.Application;

/** The smallest application: no devices. */
public final class Hello implements Application {

    @Override
    public int run() {
        System.out.println("hello");
        return 0;
    }
}

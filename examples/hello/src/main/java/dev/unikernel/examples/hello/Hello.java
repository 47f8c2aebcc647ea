package dev.unikernel.examples.hello;

import dev.unikernel.api.Application;
import dev.unikernel.api.Clock;
import dev.unikernel.api.Entropy;
import dev.unikernel.api.Key;
import java.util.HexFormat;

/** Greets someone with the time and a random number, then exits 0: the whole device graph in one line. */
public final class Hello implements Application {

    private final String name;
    private final Clock clock;
    private final Entropy entropy;

    public Hello(@Key(name = "name", doc = "who to greet", defaultValue = "world") String name,
            Clock clock, Entropy entropy) {
        this.name = name;
        this.clock = clock;
        this.entropy = entropy;
    }

    @Override
    public int run() {
        byte[] nonce = new byte[8];
        entropy.nextBytes(nonce);
        System.out.println("Hello, " + name + "! It is " + clock.now() + "; your lucky number is "
                + HexFormat.of().formatHex(nonce) + ".");
        return 0;
    }
}

package ${package};

import dev.unikernel.api.Application;
import dev.unikernel.api.Clock;
import dev.unikernel.api.Entropy;
import dev.unikernel.api.Key;
import java.util.HexFormat;

/**
 * A unikernel. Its one public constructor is its device graph: every parameter is a device the
 * target provides (here the clock and entropy) or a key read at boot (here {@code name}). Ask for a
 * {@code Disk}, {@code BlockDevice} or {@code Network} the same way, and the plugin wires the
 * target's implementation in; {@code mvn unikernel:describe} draws the graph.
 */
public final class ${applicationClass} implements Application {

    private final String name;
    private final Clock clock;
    private final Entropy entropy;

    public ${applicationClass}(@Key(name = "name", doc = "who to greet", defaultValue = "world") String name,
            Clock clock, Entropy entropy) {
        this.name = name;
        this.clock = clock;
        this.entropy = entropy;
    }

    /** The program: its return value is the exit code (on vm, the VM's). */
    @Override
    public int run() {
        System.out.println(greeting());
        return 0;
    }

    String greeting() {
        byte[] nonce = new byte[4];
        entropy.nextBytes(nonce);
        return "Hello, " + name + "! It is " + clock.now() + "; your lucky number is "
                + HexFormat.of().formatHex(nonce) + ".";
    }
}

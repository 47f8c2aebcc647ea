package it;

import dev.unikernel.api.Application;
import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.Clock;
import dev.unikernel.api.Key;
import dev.unikernel.api.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Greets, records the greeting in sector 0 of its disk, and reports the length of an optional secret. */
public final class Greeter implements Application {

    private final String name;
    private final int times;
    private final boolean shout;
    private final Optional<Secret> token;
    private final Clock clock;
    private final BlockDevice disk;

    public Greeter(@Key(name = "name", doc = "who to greet", defaultValue = "world") String name,
            @Key(name = "times", doc = "how many greetings", defaultValue = "1") int times,
            @Key(name = "shout", doc = "greet in upper case", defaultValue = "false") boolean shout,
            @Key(name = "token", doc = "a secret whose length is printed") Optional<Secret> token,
            Clock clock, BlockDevice disk) {
        this.name = name;
        this.times = times;
        this.shout = shout;
        this.token = token;
        this.clock = clock;
        this.disk = disk;
    }

    @Override
    public int run() throws Exception {
        String greeting = "Hello, " + name + "!";
        if (shout) {
            greeting = greeting.toUpperCase(Locale.ROOT);
        }
        for (int i = 0; i < times; i++) {
            System.out.println(greeting);
        }
        token.ifPresent(t -> System.out.println("token length " + t.bytes().length));
        ByteBuffer sector = ByteBuffer.allocate(disk.sectorSize());
        sector.put(greeting.getBytes(StandardCharsets.UTF_8)).clear();
        disk.write(0, sector);
        disk.flush();
        System.out.println("monotonic clock works: " + (clock.monotonicNanos() != 0));
        return times == 0 ? 3 : 0;
    }
}

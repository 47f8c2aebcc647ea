package dev.unikernel.engine.apps;

import dev.unikernel.api.Application;
import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.ByteSize;
import dev.unikernel.api.Clock;
import dev.unikernel.api.Device;
import dev.unikernel.api.Key;
import dev.unikernel.api.Network;
import dev.unikernel.api.Secret;
import java.nio.file.Path;
import java.util.Optional;

/** A test application using every device type and every kind of key. */
public final class Storage implements Application {

    public Storage(@Device("data") BlockDevice data,
            @Device("scratch-disk") BlockDevice scratch,
            Network network,
            Clock clock,
            @Key(name = "port", doc = "TCP port", defaultValue = "2222") int port,
            @Key(name = "read-only", doc = "refuse writes", defaultValue = "false") boolean readOnly,
            @Key(name = "initial-size", doc = "size of a new disk") Optional<ByteSize> initialSize,
            @Key(name = "passphrase", doc = "LUKS passphrase") Secret passphrase,
            @Key(name = "motd", doc = "message \"of\" the day") Optional<Path> motd) {
    }

    @Override
    public int run() {
        return 0;
    }
}

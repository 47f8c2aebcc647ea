package dev.unikernel.engine.apps;

import dev.unikernel.api.Application;
import dev.unikernel.api.Deferred;
import dev.unikernel.api.Key;
import dev.unikernel.api.Network;
import java.nio.file.FileSystem;

/** Serves a volume the configuration composes, as the sftp example does. */
public final class Served implements Application {

    public Served(Deferred<FileSystem> volume, Network network,
            @Key(name = "port", doc = "TCP port", defaultValue = "2222") int port) {
    }

    @Override
    public int run() {
        return 0;
    }
}

package dev.unikernel.engine.apps;

import dev.unikernel.api.Application;
import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.Clock;
import dev.unikernel.api.Deferred;
import dev.unikernel.api.Entropy;

/** Takes a deferred block device whose stack the configuration composes, and two plain devices. */
public final class Stacked implements Application {

    public Stacked(Deferred<BlockDevice> volume, Entropy entropy, Clock clock) {
    }

    @Override
    public int run() {
        return 0;
    }
}

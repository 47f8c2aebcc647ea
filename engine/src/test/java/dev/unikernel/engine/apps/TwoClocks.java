package dev.unikernel.engine.apps;

import dev.unikernel.api.Application;
import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.Key;

/** A test application whose key clashes with the unix target's key for its disk. */
public final class TwoClocks implements Application {

    public TwoClocks(BlockDevice disk, @Key(name = "disk", doc = "clashes") String other) {
    }

    @Override
    public int run() {
        return 0;
    }
}

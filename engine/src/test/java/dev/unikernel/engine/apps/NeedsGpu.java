package dev.unikernel.engine.apps;

import dev.unikernel.api.Application;
import dev.unikernel.api.Clock;
import java.util.concurrent.Executor;

/** A test application asking for a device no target provides. */
public final class NeedsGpu implements Application {

    public NeedsGpu(Clock clock, Executor gpu) {
    }

    @Override
    public int run() {
        return 0;
    }
}

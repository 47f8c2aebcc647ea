package it;

import dev.unikernel.api.Application;
import dev.unikernel.api.Clock;
import java.util.concurrent.Executor;

/** Asks for an Executor, which is not a device any target provides. */
public final class NeedsGpu implements Application {

    public NeedsGpu(Clock clock, Executor gpu) {
    }

    @Override
    public int run() {
        return 0;
    }
}

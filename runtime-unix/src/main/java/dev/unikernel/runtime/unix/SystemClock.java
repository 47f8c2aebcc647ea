package dev.unikernel.runtime.unix;

import dev.unikernel.api.Clock;
import java.time.Instant;

/** The host's clocks: wall time from the OS, monotonic time from {@link System#nanoTime()}. */
public final class SystemClock implements Clock {

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}

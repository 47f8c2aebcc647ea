package dev.unikernel.api;

import java.time.Instant;

/** Wall-clock time and a monotonic counter, as mirage's PCLOCK and MCLOCK. */
@Device("clock")
public interface Clock {

    /** Wall-clock time: may jump when the target's time is set. */
    Instant now();

    /** Nanoseconds from an arbitrary origin that never goes backwards: for durations. */
    long monotonicNanos();
}

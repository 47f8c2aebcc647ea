package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class StartupLimitsTest {

    /** A "random" source that returns a fixed value: 0 drops whenever p > 0, 99 only when p is 100. */
    private record Fixed(int value) implements RandomGenerator {
        @Override
        public long nextLong() {
            return value;
        }

        @Override
        public int nextInt(int bound) {
            return value;
        }
    }

    private static List<StartupLimits.Startup> admitAll(StartupLimits limits, int count, String... sources) {
        List<StartupLimits.Startup> startups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StartupLimits.Admission admission = limits.admit(sources[i % sources.length]);
            assertTrue(admission.admitted(), "connection " + i + " refused: " + admission.refusal());
            startups.add(admission.startup());
        }
        return startups;
    }

    @Test
    void belowStartEveryConnectionIsAdmitted() {
        StartupLimits limits = new StartupLimits(10, 30, 100, 100, new Fixed(0));
        admitAll(limits, 10, "10.0.0.1", "10.0.0.2");
        assertEquals(10, limits.unauthenticated());
    }

    /** sshd's should_drop_connection: 30% at start, rising linearly to 100% at full. */
    @Test
    void randomEarlyDropRisesFromRateAtStartToAllAtFull() {
        // At 10 unauthenticated p is 30: a draw of 29 drops, 30 does not.
        StartupLimits drop = new StartupLimits(10, 30, 100, 1000, new Fixed(29));
        admitAll(drop, 10, "a", "b", "c");
        StartupLimits.Admission dropped = drop.admit("d");
        assertFalse(dropped.admitted());
        assertEquals(StartupLimits.Refusal.RANDOM_EARLY_DROP, dropped.refusal());
        StartupLimits keep = new StartupLimits(10, 30, 100, 1000, new Fixed(30));
        admitAll(keep, 11, "a", "b", "c");

        // Half way (55 of 10..100): p = 30 + 70 * 45 / 90 = 65.
        StartupLimits half = new StartupLimits(10, 30, 100, 1000, new Fixed(65));
        admitAll(half, 55, "a", "b", "c");
        assertTrue(half.admit("d").admitted(), "a draw of 65 is above p = 65");
        StartupLimits halfDrop = new StartupLimits(10, 30, 100, 1000, new Fixed(64));
        admitAll(halfDrop, 10, "a");
        // With every draw 64, connections are admitted until p reaches 65, at 55 unauthenticated.
        StartupLimits.Admission at;
        int admitted = 10;
        while ((at = halfDrop.admit("b")).admitted()) {
            admitted++;
        }
        assertEquals(55, admitted);
        assertEquals(StartupLimits.Refusal.RANDOM_EARLY_DROP, at.refusal());

        // At full every connection is refused whatever the draw.
        StartupLimits full = new StartupLimits(10, 30, 100, 1000, new Fixed(99));
        admitAll(full, 100, "a", "b", "c");
        assertEquals(StartupLimits.Refusal.FULL, full.admit("d").refusal());
    }

    @Test
    void aSourceHoldsAtMostItsShareAndOthersStillGetIn() {
        StartupLimits limits = new StartupLimits(new Fixed(99));
        List<StartupLimits.Startup> flood = admitAll(limits, StartupLimits.PER_SOURCE, "127.0.0.1");
        StartupLimits.Admission oneMore = limits.admit("127.0.0.1");
        assertEquals(StartupLimits.Refusal.PER_SOURCE, oneMore.refusal());
        assertNull(oneMore.startup());
        assertEquals(StartupLimits.PER_SOURCE, limits.unauthenticated("127.0.0.1"));
        assertTrue(limits.admit("127.0.0.2").admitted(), "another source is refused by the flood's share");

        // Logging in or closing gives the place back, once only.
        flood.getFirst().release();
        flood.getFirst().release();
        assertEquals(StartupLimits.PER_SOURCE - 1, limits.unauthenticated("127.0.0.1"));
        assertTrue(limits.admit("127.0.0.1").admitted());
        assertFalse(limits.admit("127.0.0.1").admitted());
        assertEquals(StartupLimits.PER_SOURCE + 1, limits.unauthenticated());
    }

    @Test
    void releasedSourcesLeaveNothingBehind() {
        StartupLimits limits = new StartupLimits(new Fixed(99));
        for (int i = 0; i < 10_000; i++) {
            limits.admit("10.0." + (i / 256) + "." + (i % 256)).startup().release();
        }
        assertEquals(0, limits.unauthenticated());
        assertEquals(0, limits.unauthenticated("10.0.0.1"));
    }

    @Test
    void impossibleFiguresAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StartupLimits(0, 30, 100, 10, new Fixed(0)));
        assertThrows(IllegalArgumentException.class, () -> new StartupLimits(10, 130, 100, 10, new Fixed(0)));
        assertThrows(IllegalArgumentException.class, () -> new StartupLimits(101, 30, 100, 10, new Fixed(0)));
    }
}

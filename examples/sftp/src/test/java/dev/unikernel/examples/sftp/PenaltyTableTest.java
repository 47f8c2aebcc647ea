package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PenaltyTableTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullTableEvictsTheEntryExpiringSoonestNeverTheNewSource() {
        PenaltyTable table = new PenaltyTable(3);
        table.put("long", 100 * SECOND, true, 0);
        table.put("short", 5 * SECOND, false, 0);
        table.put("middle", 50 * SECOND, true, 0);
        assertTrue(table.put("new", 20 * SECOND, true, 1), "no room was made");
        assertEquals(3, table.size());
        assertNull(table.get("short", 1), "the soonest to expire was not the one dropped");
        assertNotNull(table.get("new", 1), "the new source got a free pass");
        assertNotNull(table.get("long", 1));
        assertNotNull(table.get("middle", 1));
        assertEquals(1, table.evictions());
    }

    @Test
    void expiredEntriesMakeRoomBeforeAnyLiveOneIsDropped() {
        PenaltyTable table = new PenaltyTable(2);
        table.put("old", 5 * SECOND, true, 0);
        table.put("live", 50 * SECOND, true, 0);
        assertFalse(table.put("new", 60 * SECOND, true, 10 * SECOND), "a live entry was evicted");
        assertNull(table.get("old", 10 * SECOND));
        assertNotNull(table.get("live", 10 * SECOND));
        assertEquals(0, table.evictions());
    }

    @Test
    void updatingASourceKeepsOneEntry() {
        PenaltyTable table = new PenaltyTable(2);
        for (int i = 1; i <= 100; i++) {
            table.put("again", i * SECOND, i > 2, 0);
        }
        assertEquals(1, table.size());
        assertEquals(100 * SECOND, table.get("again", 0).expiresAt());
    }

    /**
     * A flood of a million new sources against a full table: each costs O(log n) (no scan), and a
     * refused source whose penalty is long survives the flood of short ones.
     */
    @Test
    void aFloodOfSourcesIsCheapAndKeepsTheLongestPenalties() {
        AtomicLong clock = new AtomicLong();
        LoginPenalties penalties = new LoginPenalties(clock::get, 1024);
        InetSocketAddress attacker = new InetSocketAddress("192.0.2.1", 40000);
        for (int i = 0; i < 60; i++) {
            penalties.penalise(attacker, LoginPenalties.GRACE_EXCEEDED);
        }
        long start = System.nanoTime();
        for (int i = 0; i < 1_000_000; i++) {
            penalties.penalise(new InetSocketAddress("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255),
                    40000), LoginPenalties.NO_AUTH);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1024, penalties.sources());
        assertTrue(penalties.remainingNanos(attacker) >= LoginPenalties.MAXIMUM.toNanos() - SECOND,
                "the flood pushed out the penalty of the source that earned the most");
        assertTrue(seconds < 20, "a million penalties took " + seconds + " s");
        // A new source is tracked even now: its failures add up to a refusal as on an empty table.
        InetSocketAddress late = new InetSocketAddress("198.51.100.7", 40000);
        for (int i = 0; i < 5; i++) {
            penalties.penalise(late, LoginPenalties.NO_AUTH);
        }
        assertTrue(penalties.remainingNanos(late) > 0, "a new source went unpenalised on a full table");
    }

    @Test
    void eachWayOfNotLoggingInCostsItsOwnPenalty() {
        AtomicLong clock = new AtomicLong();
        LoginPenalties penalties = new LoginPenalties(clock::get, 16);
        InetSocketAddress typo = new InetSocketAddress("192.0.2.10", 1);
        penalties.penalise(typo, LoginPenalties.AUTH_FAILED);
        clock.addAndGet(1);
        penalties.penalise(typo, LoginPenalties.AUTH_FAILED);
        assertEquals(0, penalties.remainingNanos(typo), "two failures refused the source");
        penalties.penalise(typo, LoginPenalties.AUTH_FAILED);
        assertTrue(penalties.remainingNanos(typo) > 14 * SECOND);

        InetSocketAddress silent = new InetSocketAddress("192.0.2.11", 1);
        for (int i = 0; i < 4; i++) {
            penalties.penalise(silent, LoginPenalties.NO_AUTH);
        }
        assertEquals(0, penalties.remainingNanos(silent), "four silent connections refused the source");
        penalties.penalise(silent, LoginPenalties.NO_AUTH);
        assertEquals(10 * SECOND, penalties.remainingNanos(silent));

        InetSocketAddress slow = new InetSocketAddress("192.0.2.12", 1);
        penalties.penalise(slow, LoginPenalties.GRACE_EXCEEDED);
        assertEquals(20 * SECOND, penalties.remainingNanos(slow));
        clock.addAndGet(20 * SECOND);
        assertEquals(0, penalties.remainingNanos(slow));

        // IPv6 by /64: another address of the same /64 shares the penalty.
        penalties.penalise(new InetSocketAddress("2001:db8:1:2::1", 1), LoginPenalties.GRACE_EXCEEDED);
        assertTrue(penalties.remainingNanos(new InetSocketAddress("2001:db8:1:2:ffff::9", 1)) > 0);
        assertEquals(0, penalties.remainingNanos(new InetSocketAddress("2001:db8:1:3::1", 1)));
    }
}

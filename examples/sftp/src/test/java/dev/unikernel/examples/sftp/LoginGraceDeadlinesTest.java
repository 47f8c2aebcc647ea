package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginGraceDeadlinesTest {

    private final AtomicLong clock = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
    private final LoginGraceDeadlines<String> deadlines = new LoginGraceDeadlines<>(Duration.ofSeconds(30), clock::get);

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    @Test
    void theDeadlineIsFixedAtAcceptAndNothingMovesIt() {
        deadlines.track("a");
        advance(Duration.ofSeconds(10));
        deadlines.track("b");
        // Whatever "a" does meanwhile (kex, attempts) is not seen here: only time counts.
        advance(Duration.ofSeconds(19));
        assertEquals(List.of(), deadlines.expired());
        advance(Duration.ofSeconds(1));
        assertEquals(List.of("a"), deadlines.expired());
        assertEquals(List.of(), deadlines.expired(), "reported once");
        advance(Duration.ofSeconds(9));
        assertEquals(List.of(), deadlines.expired());
        advance(Duration.ofSeconds(1));
        assertEquals(List.of("b"), deadlines.expired());
        assertEquals(0, deadlines.tracked());
    }

    @Test
    void manyConnectionsExpireInAcceptOrder() {
        for (int i = 0; i < 1000; i++) {
            deadlines.track("c" + i);
            advance(Duration.ofMillis(10));
        }
        // 30 s after the first accept; the last came 9.99 s later.
        advance(Duration.ofSeconds(20).plusMillis(10));
        List<String> expired = deadlines.expired();
        assertEquals(2, expired.size());
        assertEquals(List.of("c0", "c1"), expired);
        advance(Duration.ofSeconds(10));
        assertEquals(998, deadlines.expired().size());
    }
}

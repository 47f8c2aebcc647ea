package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.Clock;
import dev.unikernel.api.Entropy;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The application is plain Java: a test hands it devices of its own, no target needed. */
class ${applicationClass}Test {

    /** A clock stopped at one instant, so the greeting is predictable. */
    private static final Clock STOPPED = new Clock() {
        @Override
        public Instant now() {
            return Instant.parse("2026-01-01T12:00:00Z");
        }

        @Override
        public long monotonicNanos() {
            return 0;
        }
    };

    /** Entropy that is all zero bytes: never do this outside a test. */
    private static final Entropy ZEROS = new Entropy() {
        @Override
        public void nextBytes(byte[] bytes) {
            java.util.Arrays.fill(bytes, (byte) 0);
        }

        @Override
        public SecureRandom secureRandom() {
            throw new UnsupportedOperationException("not used");
        }
    };

    @Test
    void greetsByNameWithTheTimeAndANumber() {
        ${applicationClass} application = new ${applicationClass}("Ada", STOPPED, ZEROS);
        assertEquals("Hello, Ada! It is 2026-01-01T12:00:00Z; your lucky number is 00000000.",
                application.greeting());
    }

    @Test
    void runExitsZero() {
        assertEquals(0, new ${applicationClass}("Ada", STOPPED, ZEROS).run());
        assertTrue(new ${applicationClass}("world", STOPPED, ZEROS).greeting().startsWith("Hello, world!"));
    }
}

package dev.unikernel.runtime.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.Application;
import dev.unikernel.api.boot.ApplicationFactory;
import dev.unikernel.api.boot.ApplicationRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainingRunTest {

    /** Runs until stopped, like a server. */
    private static final class Server implements Application {
        final CountDownLatch stopped = new CountDownLatch(1);

        @Override
        public int run() throws InterruptedException {
            stopped.await();
            return 0;
        }

        @Override
        public void stop() {
            stopped.countDown();
        }
    }

    private static ApplicationRunner runner() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new ApplicationRunner("t", List.of(), new ArgumentKeySource(new String[0], Map.of()), sink, sink);
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(TrainingRun.STOP_AFTER_PROPERTY);
    }

    @Test
    void anOrdinaryRunKeepsTheFactoryAsItIs() {
        ApplicationFactory factory = boot -> new Server();
        assertSame(factory, TrainingRun.stoppingAfterConfiguredTime(factory, runner()));
    }

    @Test
    void aTrainingRunStopsAServerCleanlyAfterTheConfiguredTime() {
        System.setProperty(TrainingRun.STOP_AFTER_PROPERTY, "300");
        ApplicationRunner runner = runner();
        long start = System.nanoTime();
        int code = runner.run(TrainingRun.stoppingAfterConfiguredTime(boot -> new Server(), runner));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, code);
        assertTrue(millis >= 300 && millis < 20_000, millis + " ms");
    }

    @Test
    void aProgramThatEndsByItselfIsNotHeldUp() {
        System.setProperty(TrainingRun.STOP_AFTER_PROPERTY, "60000");
        ApplicationRunner runner = runner();
        long start = System.nanoTime();
        assertEquals(3, runner.run(TrainingRun.stoppingAfterConfiguredTime(boot -> () -> 3, runner)));
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }

    @Test
    void aMalformedTimeIsRefused() {
        System.setProperty(TrainingRun.STOP_AFTER_PROPERTY, "5s");
        assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.stoppingAfterConfiguredTime(boot -> new Server(), runner()));
    }
}

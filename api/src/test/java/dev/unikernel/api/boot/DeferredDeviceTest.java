package dev.unikernel.api.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.Deferred;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DeferredDeviceTest {

    private final List<String> closed = new CopyOnWriteArrayList<>();

    private Boot boot() throws KeyException, IOException {
        return new Boot(KeyValues.read(List.of(), new MapKeySource(Map.of(), Map.of(), false)));
    }

    private AutoCloseable device(String name) {
        return () -> closed.add(name);
    }

    @Test
    void opensOnAThreadOfItsOwnOnlyOnceStartedAndClosesWhatItOpenedInReverse() throws Exception {
        Boot boot = boot();
        boot.open(device("opened at start"));
        CountDownLatch release = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        Deferred<AutoCloseable> volume = boot.deferred("volume", scope -> {
            threads.add(Thread.currentThread().getName());
            scope.open(device("disk"));
            release.await();
            return scope.open(device("file system"));
        });
        assertTrue(threads.isEmpty(), "nothing opens before start()");
        volume.start();
        IOException early = assertThrows(IOException.class, () -> volume.await(Duration.ofMillis(50)));
        assertEquals("volume is still opening after 0 s: try again later", early.getMessage());
        release.countDown();
        AutoCloseable opened = volume.await();
        assertSame(opened, volume.await(Duration.ofSeconds(1)));
        assertEquals(List.of("open-volume"), threads);
        assertNull(boot.closeAll());
        assertEquals(List.of("file system", "disk", "opened at start"), closed);
    }

    @Test
    void aFailureToOpenIsThrownAsItWasAndWhatOpenedBeforeIsClosed() throws Exception {
        Boot boot = boot();
        Deferred<Object> volume = boot.deferred("volume", scope -> {
            scope.open(device("disk"));
            throw new IOException("disk /srv/disk.img is not a LUKS2 volume");
        });
        IOException e = assertThrows(IOException.class, volume::await);
        assertEquals("disk /srv/disk.img is not a LUKS2 volume", e.getMessage());
        IOException limited = assertThrows(IOException.class, () -> volume.await(Duration.ofSeconds(1)));
        assertEquals("volume could not be opened: disk /srv/disk.img is not a LUKS2 volume", limited.getMessage());
        assertNull(boot.closeAll());
        assertEquals(List.of("disk"), closed);
    }

    @Test
    void aDeviceNeverStartedHasNothingToClose() throws Exception {
        Boot boot = boot();
        boot.deferred("volume", scope -> scope.open(device("never")));
        assertNull(boot.closeAll());
        assertTrue(closed.isEmpty());
    }
}

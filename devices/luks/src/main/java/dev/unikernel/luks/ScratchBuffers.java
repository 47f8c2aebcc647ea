package dev.unikernel.luks;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Reusable byte arrays for the device's transfers. Allocating one per write cost as much as a
 * second copy of the data (the JVM zeroes every new array) plus the garbage it leaves; idle
 * arrays wait in one slot per thread stripe, so concurrent callers rarely meet and never share.
 */
final class ScratchBuffers {

    /** A power of two, several per core, so concurrent callers rarely share a slot. */
    private static final int STRIPES = Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 4);

    private final int maxBytes;
    private final AtomicReferenceArray<byte[]> idle = new AtomicReferenceArray<>(STRIPES);

    /** Arrays never grow past {@code maxBytes}: larger transfers go through in pieces. */
    ScratchBuffers(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** An array of at least {@code min(bytes, maxBytes)} bytes, with arbitrary contents. */
    byte[] borrow(int bytes) {
        int wanted = Math.min(bytes, maxBytes);
        byte[] array = idle.getAndSet(stripe(), null);
        return array != null && array.length >= wanted ? array : new byte[wanted];
    }

    /** Returns an array for reuse; the caller has wiped anything secret in it. */
    void release(byte[] array) {
        int stripe = stripe();
        byte[] waiting = idle.get(stripe);
        // Keep the larger one: the next large transfer then needs no new array.
        if (waiting == null || waiting.length < array.length) {
            idle.compareAndSet(stripe, waiting, array);
        }
    }

    private static int stripe() {
        return (int) Thread.currentThread().threadId() & (STRIPES - 1);
    }
}

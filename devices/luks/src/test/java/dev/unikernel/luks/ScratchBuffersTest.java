package dev.unikernel.luks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScratchBuffersTest {

    @Test
    void aReleasedArrayServesTheNextTransfer() {
        ScratchBuffers buffers = new ScratchBuffers(64 * 1024);
        byte[] first = buffers.borrow(8192);
        assertEquals(8192, first.length);
        buffers.release(first);
        assertSame(first, buffers.borrow(4096));
    }

    @Test
    void aBorrowedArrayIsNobodyElses() {
        ScratchBuffers buffers = new ScratchBuffers(64 * 1024);
        byte[] first = buffers.borrow(4096);
        assertNotSame(first, buffers.borrow(4096));
    }

    @Test
    void arraysStopGrowingAtTheLimit() {
        ScratchBuffers buffers = new ScratchBuffers(64 * 1024);
        assertEquals(64 * 1024, buffers.borrow(1 << 20).length);
        byte[] small = buffers.borrow(512);
        buffers.release(small);
        byte[] larger = buffers.borrow(4096);
        assertTrue(larger.length >= 4096);
    }
}

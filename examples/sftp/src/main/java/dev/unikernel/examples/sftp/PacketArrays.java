package dev.unikernel.examples.sftp;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Arrays that each hold one outgoing SSH channel packet, shared by all sessions and reused once the
 * packet is on the wire. MINA allocates a fresh, zeroed array per packet (a gigabyte download is
 * 32,768 of them). A reused array holds earlier bytes, but a packet only ever sends what was written
 * into it. At most {@code pooled} arrays are kept; a busier moment allocates more and lets them go.
 */
final class PacketArrays {

    private final int length;
    private final ArrayBlockingQueue<byte[]> free;

    PacketArrays(int length, int pooled) {
        this.length = length;
        this.free = new ArrayBlockingQueue<>(pooled);
    }

    byte[] borrow() {
        byte[] array = free.poll();
        return array != null ? array : new byte[length];
    }

    /** Only for an array that no write still reads. */
    void release(byte[] array) {
        if (array.length == length) {
            free.offer(array);
        }
    }
}

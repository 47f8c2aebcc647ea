package dev.unikernel.examples.sftp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The keystream that hides an SSH packet's 4-byte length in chacha20-poly1305@openssh.com: the first
 * word of ChaCha20 block 0 under the second half of the key, with the sequence number as nonce.
 * Computed here in plain Java (RFC 8439 §2.3, one block): the runtime's ChaCha20 would need a
 * {@code Cipher.init} and would make a kilobyte of vector keystream for these 4 bytes, about three
 * times as long, on every packet.
 */
final class PacketLengthKeystream {

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final int k0;
    private final int k1;
    private final int k2;
    private final int k3;
    private final int k4;
    private final int k5;
    private final int k6;
    private final int k7;

    /** The 32-byte key at {@code key[offset]}. */
    PacketLengthKeystream(byte[] key, int offset) {
        k0 = (int) INT_LE.get(key, offset);
        k1 = (int) INT_LE.get(key, offset + 4);
        k2 = (int) INT_LE.get(key, offset + 8);
        k3 = (int) INT_LE.get(key, offset + 12);
        k4 = (int) INT_LE.get(key, offset + 16);
        k5 = (int) INT_LE.get(key, offset + 20);
        k6 = (int) INT_LE.get(key, offset + 24);
        k7 = (int) INT_LE.get(key, offset + 28);
    }

    /** XORs the 4 bytes at {@code data[offset]} with packet {@code sequence}'s keystream: encrypts or decrypts. */
    void apply(byte[] data, int offset, long sequence) {
        INT_LE.set(data, offset, (int) INT_LE.get(data, offset) ^ firstWord(sequence));
    }

    /** Word 0 of block 0: all 20 rounds, but only that word's final addition. */
    int firstWord(long sequence) {
        int x0 = 0x61707865;
        int x1 = 0x3320646e;
        int x2 = 0x79622d32;
        int x3 = 0x6b206574;
        int x4 = k0;
        int x5 = k1;
        int x6 = k2;
        int x7 = k3;
        int x8 = k4;
        int x9 = k5;
        int x10 = k6;
        int x11 = k7;
        // OpenSSH's 64-bit block counter (0), then the sequence number as big-endian bytes, read as
        // little-endian words like every other state word.
        int x12 = 0;
        int x13 = 0;
        int x14 = Integer.reverseBytes((int) (sequence >>> 32));
        int x15 = Integer.reverseBytes((int) sequence);
        for (int round = 0; round < 10; round++) {
            // Columns.
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
            // Diagonals.
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
        }
        return x0 + 0x61707865;
    }
}

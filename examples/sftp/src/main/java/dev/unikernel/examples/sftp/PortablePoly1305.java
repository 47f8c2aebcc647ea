package dev.unikernel.examples.sftp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Poly1305 in plain Java, for runtimes that do not open theirs to us ({@link RuntimePoly1305}): three
 * 44/44/42-bit limbs with 128-bit products ({@link Math#unsignedMultiplyHigh}, an intrinsic), reading
 * the message in place. MINA's and BouncyCastle's use five 26-bit limbs and copy every 16-byte block
 * first; this one is several times faster.
 */
final class PortablePoly1305 implements Poly1305 {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MASK44 = (1L << 44) - 1;
    private static final long MASK42 = (1L << 42) - 1;

    private long r0;
    private long r1;
    private long r2;
    private long s1;
    private long s2;
    private long pad0;
    private long pad1;
    private long h0;
    private long h1;
    private long h2;
    private final byte[] partial = new byte[16];
    private int partialLength;

    @Override
    public void init(byte[] key, int offset) {
        long t0 = (long) LONG_LE.get(key, offset);
        long t1 = (long) LONG_LE.get(key, offset + 8);
        // r, clamped as the RFC requires, split into limbs.
        r0 = t0 & 0xffc0fffffffL;
        r1 = ((t0 >>> 44) | (t1 << 20)) & 0xfffffc0ffffL;
        r2 = (t1 >>> 24) & 0x00ffffffc0fL;
        // 2^130 = 5 (mod p); the limbs' radix adds a factor 4 for the wrapped terms.
        s1 = r1 * (5 << 2);
        s2 = r2 * (5 << 2);
        pad0 = (long) LONG_LE.get(key, offset + 16);
        pad1 = (long) LONG_LE.get(key, offset + 24);
        h0 = 0;
        h1 = 0;
        h2 = 0;
        partialLength = 0;
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        if (partialLength > 0) {
            int take = Math.min(length, 16 - partialLength);
            System.arraycopy(data, offset, partial, partialLength, take);
            partialLength += take;
            offset += take;
            length -= take;
            if (partialLength < 16) {
                return;
            }
            blocks(partial, 0, 16, 1L << 40);
            partialLength = 0;
        }
        int whole = length & ~15;
        if (whole > 0) {
            blocks(data, offset, whole, 1L << 40);
        }
        if (whole < length) {
            partialLength = length - whole;
            System.arraycopy(data, offset + whole, partial, 0, partialLength);
        }
    }

    @Override
    public void doFinal(byte[] out, int offset) {
        if (partialLength > 0) {
            // A short last block: a 1 byte after the data, then zeros, and no 2^128 bit.
            partial[partialLength] = 1;
            java.util.Arrays.fill(partial, partialLength + 1, 16, (byte) 0);
            blocks(partial, 0, 16, 0);
            partialLength = 0;
        }
        long c;
        c = h1 >>> 44; h1 &= MASK44; h2 += c;
        c = h2 >>> 42; h2 &= MASK42; h0 += c * 5;
        c = h0 >>> 44; h0 &= MASK44; h1 += c;
        c = h1 >>> 44; h1 &= MASK44; h2 += c;
        c = h2 >>> 42; h2 &= MASK42; h0 += c * 5;
        c = h0 >>> 44; h0 &= MASK44; h1 += c;
        // h mod p: subtract p = 2^130 - 5 when h >= p, in constant time.
        long g0 = h0 + 5;
        c = g0 >>> 44; g0 &= MASK44;
        long g1 = h1 + c;
        c = g1 >>> 44; g1 &= MASK44;
        long g2 = h2 + c - (1L << 42);
        long useG = (g2 >>> 63) - 1; // all ones when g2 did not go negative
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        h2 = (h2 & ~useG) | (g2 & useG);
        // Add the pad (s) modulo 2^128.
        h0 += pad0 & MASK44;
        c = h0 >>> 44; h0 &= MASK44;
        h1 += (((pad0 >>> 44) | (pad1 << 20)) & MASK44) + c;
        c = h1 >>> 44; h1 &= MASK44;
        h2 += ((pad1 >>> 24) & MASK42) + c;
        h2 &= MASK42;
        LONG_LE.set(out, offset, h0 | (h1 << 44));
        LONG_LE.set(out, offset + 8, (h1 >>> 20) | (h2 << 24));
    }

    /** Absorbs whole 16-byte blocks; {@code highBit} is 2^128 in the top limb (0 for a padded last block). */
    private void blocks(byte[] data, int offset, int length, long highBit) {
        long a0 = h0;
        long a1 = h1;
        long a2 = h2;
        final long b0 = r0;
        final long b1 = r1;
        final long b2 = r2;
        final long t1s = s1;
        final long t2s = s2;
        for (int end = offset + length; offset < end; offset += 16) {
            long m0 = (long) LONG_LE.get(data, offset);
            long m1 = (long) LONG_LE.get(data, offset + 8);
            a0 += m0 & MASK44;
            a1 += ((m0 >>> 44) | (m1 << 20)) & MASK44;
            a2 += ((m1 >>> 24) & MASK42) | highBit;

            // d = a * r (mod 2^130 - 5), each limb a 128-bit sum (lo, hi).
            long d0lo = a0 * b0;
            long d0hi = Math.unsignedMultiplyHigh(a0, b0);
            long p = a1 * t2s;
            d0hi += Math.unsignedMultiplyHigh(a1, t2s) + (Long.compareUnsigned(d0lo + p, d0lo) < 0 ? 1 : 0);
            d0lo += p;
            p = a2 * t1s;
            d0hi += Math.unsignedMultiplyHigh(a2, t1s) + (Long.compareUnsigned(d0lo + p, d0lo) < 0 ? 1 : 0);
            d0lo += p;

            long d1lo = a0 * b1;
            long d1hi = Math.unsignedMultiplyHigh(a0, b1);
            p = a1 * b0;
            d1hi += Math.unsignedMultiplyHigh(a1, b0) + (Long.compareUnsigned(d1lo + p, d1lo) < 0 ? 1 : 0);
            d1lo += p;
            p = a2 * t2s;
            d1hi += Math.unsignedMultiplyHigh(a2, t2s) + (Long.compareUnsigned(d1lo + p, d1lo) < 0 ? 1 : 0);
            d1lo += p;

            long d2lo = a0 * b2;
            long d2hi = Math.unsignedMultiplyHigh(a0, b2);
            p = a1 * b1;
            d2hi += Math.unsignedMultiplyHigh(a1, b1) + (Long.compareUnsigned(d2lo + p, d2lo) < 0 ? 1 : 0);
            d2lo += p;
            p = a2 * b0;
            d2hi += Math.unsignedMultiplyHigh(a2, b0) + (Long.compareUnsigned(d2lo + p, d2lo) < 0 ? 1 : 0);
            d2lo += p;

            // Carry the 128-bit limbs back down to 44/44/42 bits.
            long c = (d0lo >>> 44) | (d0hi << 20);
            a0 = d0lo & MASK44;
            d1lo += c;
            d1hi += Long.compareUnsigned(d1lo, c) < 0 ? 1 : 0;
            c = (d1lo >>> 44) | (d1hi << 20);
            a1 = d1lo & MASK44;
            d2lo += c;
            d2hi += Long.compareUnsigned(d2lo, c) < 0 ? 1 : 0;
            c = (d2lo >>> 42) | (d2hi << 22);
            a2 = d2lo & MASK42;
            a0 += c * 5;
            c = a0 >>> 44;
            a0 &= MASK44;
            a1 += c;
        }
        h0 = a0;
        h1 = a1;
        h2 = a2;
    }
}

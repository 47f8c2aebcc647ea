package dev.unikernel.luks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;

/**
 * AES-XTS (IEEE 1619) over data units of whole 16-byte blocks, built on the JCA's
 * {@code AES/ECB/NoPadding} from SunJCE, which HotSpot compiles to AES-NI (VAES where present).
 * BouncyCastle has no IEEE 1619 XTS (its KXTS is DSTU 7624), and its pure-Java AES is several
 * times slower.
 *
 * <p>Speed comes from never calling the cipher per block: for a run of data units the tweak
 * stream is computed with 64-bit arithmetic, XORed into a work buffer, the whole buffer goes
 * through one ECB call, and the tweak stream is XORed in again.
 *
 * <p>The unit number of data unit {@code i} is {@code firstUnit + i * unitStep}; plain64 puts it
 * in the tweak as 16 little-endian bytes. Thread-safe: each call borrows cipher instances and
 * scratch buffers from a small array of idle slots, so concurrent callers never share them.
 */
final class XtsAes {

    static final int BLOCK = 16;

    /**
     * Bytes handled per ECB call: large enough to amortise the call, small enough that the chunk's
     * source, work, tweak and destination bytes stay in L1 (8 KiB measured faster than 16 or 32).
     */
    private static final int CHUNK = 8 * 1024;

    /** A power of two, several per core, so concurrent callers rarely share a slot. */
    private static final int STRIPES = Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 4);

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** x^128 + x^7 + x^2 + x + 1: the reduction constant of GF(2^128) in XTS. */
    private static final long GF_REDUCTION = 0x87;

    private final byte[] dataKey;
    private final byte[] tweakKey;
    /** Idle contexts, one slot per thread stripe: borrowing is one atomic swap, with no allocation. */
    private final AtomicReferenceArray<Context> idle = new AtomicReferenceArray<>(STRIPES);
    private volatile boolean destroyed;

    /** {@code key} is key1 || key2 (32 bytes for AES-128-XTS, 64 for AES-256-XTS); it is copied. */
    XtsAes(byte[] key) {
        if (key.length != 32 && key.length != 64) {
            throw new IllegalArgumentException("an AES-XTS key has 32 or 64 bytes, not " + key.length);
        }
        int half = key.length / 2;
        this.dataKey = Arrays.copyOfRange(key, 0, half);
        // key1 == key2 is weak (IEEE 1619-2018 forbids it) but accepted, as dm-crypt accepts it: the
        // IEEE 1619-2007 vectors use it, and random volume keys never have it.
        this.tweakKey = Arrays.copyOfRange(key, half, key.length);
    }

    int keyBytes() {
        return dataKey.length * 2;
    }

    void encrypt(byte[] src, int srcOffset, byte[] dst, int dstOffset, int length, int unitSize, long firstUnit, long unitStep) {
        transform(true, src, srcOffset, dst, dstOffset, length, unitSize, firstUnit, unitStep);
    }

    void decrypt(byte[] src, int srcOffset, byte[] dst, int dstOffset, int length, int unitSize, long firstUnit, long unitStep) {
        transform(false, src, srcOffset, dst, dstOffset, length, unitSize, firstUnit, unitStep);
    }

    /** Wipes the key bytes and drops the cipher instances; later calls fail. */
    void destroy() {
        destroyed = true;
        Arrays.fill(dataKey, (byte) 0);
        Arrays.fill(tweakKey, (byte) 0);
        for (int i = 0; i < STRIPES; i++) {
            Context context = idle.getAndSet(i, null);
            if (context != null) {
                context.forgetKeys();
            }
        }
    }

    private void transform(boolean encrypt, byte[] src, int srcOffset, byte[] dst, int dstOffset, int length,
                           int unitSize, long firstUnit, long unitStep) {
        if (unitSize <= 0 || unitSize % BLOCK != 0) {
            throw new IllegalArgumentException("XTS data units are whole 16-byte blocks: " + unitSize);
        }
        if (length % unitSize != 0) {
            throw new IllegalArgumentException(length + " bytes are not whole " + unitSize + "-byte data units");
        }
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        Context context = borrow();
        try {
            int unitsPerChunk = Math.max(1, CHUNK / unitSize);
            long unit = firstUnit;
            for (int done = 0; done < length; ) {
                int units = Math.min(unitsPerChunk, (length - done) / unitSize);
                int bytes = units * unitSize;
                context.run(encrypt, src, srcOffset + done, dst, dstOffset + done, bytes, unitSize, unit, unitStep, units);
                done += bytes;
                unit += units * unitStep;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JCA's AES/ECB/NoPadding failed", e);
        } finally {
            release(context);
        }
    }

    private Context borrow() {
        if (destroyed) {
            throw new IllegalStateException("the volume key was wiped: the device is closed");
        }
        Context context = idle.getAndSet(stripe(), null);
        return context != null ? context : new Context(dataKey, tweakKey);
    }

    private void release(Context context) {
        int stripe = stripe();
        Context replaced = idle.getAndSet(stripe, context);
        if (replaced != null) {
            replaced.forgetKeys(); // another thread's, left to the garbage collector otherwise
        }
        if (destroyed && idle.compareAndSet(stripe, context, null)) {
            context.forgetKeys();
        }
    }

    private static int stripe() {
        return (int) Thread.currentThread().threadId() & (STRIPES - 1);
    }

    /** One caller's cipher instances and scratch space. */
    private static final class Context {
        private final Cipher dataEncrypt;
        private final Cipher dataDecrypt;
        private final Cipher tweakEncrypt;
        /** src ^ T, the ECB input: the ECB call never runs in place, where SunJCE would copy its input. */
        private final byte[] work;
        /** The tweak of every block, kept as bytes so that the second XOR is a loop C2 vectorises. */
        private final byte[] tweaks;
        /** Unit numbers as 16 little-endian bytes; the high 8 bytes of each stay zero. */
        private final byte[] unitNumbers;
        private final byte[] unitTweaks;

        Context(byte[] dataKey, byte[] tweakKey) {
            try {
                // RawKeys: a SecretKeySpec would keep a copy of each half of the key that nothing wipes.
                RawKey data = new RawKey(dataKey, "AES");
                RawKey tweak = new RawKey(tweakKey, "AES");
                dataEncrypt = ecb(Cipher.ENCRYPT_MODE, data);
                dataDecrypt = ecb(Cipher.DECRYPT_MODE, data);
                tweakEncrypt = ecb(Cipher.ENCRYPT_MODE, tweak);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JCA has no usable AES/ECB/NoPadding", e);
            }
            work = new byte[CHUNK];
            tweaks = new byte[CHUNK];
            unitNumbers = new byte[CHUNK];
            unitTweaks = new byte[CHUNK];
        }

        /**
         * Gives each cipher a zero key: SunJCE's AES wipes its expanded round keys (and its copy of the
         * key) when its key changes, and keeps them otherwise until the garbage collector reuses them.
         */
        void forgetKeys() {
            RawKey zero = new RawKey(new byte[16], "AES");
            try {
                dataEncrypt.init(Cipher.ENCRYPT_MODE, zero);
                dataDecrypt.init(Cipher.DECRYPT_MODE, zero);
                tweakEncrypt.init(Cipher.ENCRYPT_MODE, zero);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/ECB/NoPadding refused a 128-bit key", e);
            }
        }

        private static Cipher ecb(int mode, RawKey key) throws GeneralSecurityException {
            // The default provider (SunJCE): never BouncyCastle, even if someone registered it.
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
            cipher.init(mode, key);
            return cipher;
        }

        void run(boolean encrypt, byte[] src, int srcOffset, byte[] dst, int dstOffset, int bytes,
                 int unitSize, long firstUnit, long unitStep, int units) throws ShortBufferException {
            // The first tweak of every unit, E_key2(unit number), for all units of the chunk in one call.
            for (int u = 0; u < units; u++) {
                LONGS.set(unitNumbers, u * BLOCK, firstUnit + u * unitStep);
            }
            tweakEncrypt.update(unitNumbers, 0, units * BLOCK, unitTweaks, 0);

            // The tweak chain and the first XOR in one pass: the chain is a serial dependency, and the
            // loads, XORs and stores of the XOR fill the cycles it leaves idle.
            for (int u = 0; u < units; u++) {
                long low = (long) LONGS.get(unitTweaks, u * BLOCK);
                long high = (long) LONGS.get(unitTweaks, u * BLOCK + 8);
                int unitEnd = (u + 1) * unitSize;
                for (int at = u * unitSize; at < unitEnd; at += BLOCK) {
                    LONGS.set(tweaks, at, low);
                    LONGS.set(tweaks, at + 8, high);
                    LONGS.set(work, at, (long) LONGS.get(src, srcOffset + at) ^ low);
                    LONGS.set(work, at + 8, (long) LONGS.get(src, srcOffset + at + 8) ^ high);
                    // Multiply by alpha: a 128-bit little-endian left shift, reduced by x^128 = x^7 + x^2 + x + 1.
                    long carry = high >> 63;
                    high = (high << 1) | (low >>> 63);
                    low = (low << 1) ^ (carry & GF_REDUCTION);
                }
            }

            // All blocks of the chunk in one ECB call, then the second XOR: dst = E(work) ^ T.
            (encrypt ? dataEncrypt : dataDecrypt).update(work, 0, bytes, dst, dstOffset);
            for (int i = 0; i < bytes; i += 8) {
                LONGS.set(dst, dstOffset + i, (long) LONGS.get(dst, dstOffset + i) ^ (long) LONGS.get(tweaks, i));
            }
        }
    }
}

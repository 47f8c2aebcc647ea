package dev.unikernel.luks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link XtsAes} against the naive per-block {@link ReferenceXts} for random calls: unit sizes from
 * 16 bytes to 4096, runs of units that cross the internal chunks or end inside one, unit steps of
 * 1, 8 and arbitrary, unit numbers near the 64-bit wrap, odd offsets, and in-place calls. Any
 * faster tweak or XOR scheme has to keep this passing.
 */
class XtsAesRandomizedTest {

    private static final int[] UNIT_SIZES = {512, 1024, 2048, 4096, 16, 48, 528, 4080};

    @Test
    void randomCallsMatchThePerBlockReference() {
        Random random = new Random(0x1619);
        for (int call = 0; call < 120; call++) {
            byte[] key = new byte[random.nextBoolean() ? 64 : 32];
            random.nextBytes(key);
            XtsAes xts = new XtsAes(key);
            int unitSize = UNIT_SIZES[random.nextInt(UNIT_SIZES.length)];
            int units = 1 + random.nextInt(Math.max(1, 40_000 / unitSize));
            int length = units * unitSize;
            long unitStep = switch (random.nextInt(3)) {
                case 0 -> 1;
                case 1 -> 8;
                default -> random.nextInt(1000) + 1;
            };
            long firstUnit = random.nextBoolean() ? random.nextLong() : -random.nextInt(50);
            int srcOffset = random.nextInt(40);
            int dstOffset = random.nextInt(40);
            byte[] src = new byte[srcOffset + length + random.nextInt(20)];
            random.nextBytes(src);
            byte[] plain = Arrays.copyOfRange(src, srcOffset, srcOffset + length);

            byte[] expected = new byte[length];
            for (int u = 0; u < units; u++) {
                byte[] unit = Arrays.copyOfRange(plain, u * unitSize, (u + 1) * unitSize);
                System.arraycopy(ReferenceXts.encrypt(key, firstUnit + u * unitStep, unit), 0, expected, u * unitSize, unitSize);
            }
            String what = "call " + call + ": " + units + " units of " + unitSize + ", step " + unitStep + ", first " + firstUnit;

            byte[] dst = new byte[dstOffset + length + 7];
            xts.encrypt(src, srcOffset, dst, dstOffset, length, unitSize, firstUnit, unitStep);
            assertArrayEquals(expected, Arrays.copyOfRange(dst, dstOffset, dstOffset + length), what);

            // In place, as the device layer may call it, and back again.
            byte[] inPlace = src.clone();
            xts.encrypt(inPlace, srcOffset, inPlace, srcOffset, length, unitSize, firstUnit, unitStep);
            assertArrayEquals(expected, Arrays.copyOfRange(inPlace, srcOffset, srcOffset + length), what + " (in place)");
            xts.decrypt(inPlace, srcOffset, inPlace, srcOffset, length, unitSize, firstUnit, unitStep);
            assertArrayEquals(src, inPlace, what + " (decrypted in place)");

            byte[] back = new byte[length];
            xts.decrypt(dst, dstOffset, back, 0, length, unitSize, firstUnit, unitStep);
            assertArrayEquals(plain, back, what + " (decrypted)");
        }
    }
}

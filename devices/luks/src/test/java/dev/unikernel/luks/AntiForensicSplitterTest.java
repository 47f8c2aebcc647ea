package dev.unikernel.luks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AntiForensicSplitterTest {

    @Test
    void mergeRecoversTheSplitKey() throws Exception {
        byte[] key = new byte[64];
        new SecureRandom().nextBytes(key);
        byte[] material = AntiForensicSplitter.split(key, 4000, "sha256", new SecureRandom());
        assertEquals(256_000, material.length);
        assertArrayEquals(key, AntiForensicSplitter.merge(material, 64, 4000, "sha256"));
    }

    @Test
    void damagingAnyStripeDestroysTheKey() throws Exception {
        byte[] key = new byte[64];
        new SecureRandom().nextBytes(key);
        byte[] material = AntiForensicSplitter.split(key, 4000, "sha256", new SecureRandom());
        for (int stripe : new int[] {0, 1999, 3999}) {
            byte[] damaged = material.clone();
            damaged[stripe * 64 + 5] ^= 1;
            assertFalse(Arrays.equals(key, AntiForensicSplitter.merge(damaged, 64, 4000, "sha256")), "stripe " + stripe);
        }
    }

    @Test
    void keysLongerThanOneHashAreDiffusedPieceByPiece() throws Exception {
        // 40-byte keys with sha1 (20-byte hash) and sha256 (a truncated last piece) both round-trip.
        byte[] key = new byte[40];
        new SecureRandom().nextBytes(key);
        for (String hash : new String[] {"sha1", "sha256", "sha512"}) {
            byte[] material = AntiForensicSplitter.split(key, 7, hash, new SecureRandom());
            assertArrayEquals(key, AntiForensicSplitter.merge(material, 40, 7, hash), hash);
        }
    }
}

package dev.unikernel.luks;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The LUKS anti-forensic splitter (LUKS1 specification, section 2.4; LUKS2 af type "luks1"): a key
 * is stored as {@code stripes} blocks, all random but the last, chained through a hash-based
 * diffusion, so that destroying any small part of the keyslot area destroys the key.
 */
final class AntiForensicSplitter {

    private AntiForensicSplitter() {
    }

    /** The {@code stripes * key.length} bytes that store {@code key}. */
    static byte[] split(byte[] key, int stripes, String hash, SecureRandom random) throws LuksException {
        int blockSize = key.length;
        byte[] material = new byte[blockSize * stripes];
        byte[] chain = new byte[blockSize];
        MessageDigest digest = BinaryHeader.checksumDigest(hash);
        for (int i = 0; i < stripes - 1; i++) {
            byte[] stripe = new byte[blockSize];
            random.nextBytes(stripe);
            System.arraycopy(stripe, 0, material, i * blockSize, blockSize);
            xorInto(chain, stripe, 0);
            diffuse(chain, digest);
            Arrays.fill(stripe, (byte) 0);
        }
        for (int j = 0; j < blockSize; j++) {
            material[(stripes - 1) * blockSize + j] = (byte) (chain[j] ^ key[j]);
        }
        Arrays.fill(chain, (byte) 0);
        return material;
    }

    /** Recovers the {@code keyLength}-byte key from its split material. */
    static byte[] merge(byte[] material, int keyLength, int stripes, String hash) throws LuksException {
        if ((long) keyLength * stripes > material.length) {
            throw new LuksException("keyslot area is smaller than " + stripes + " stripes of " + keyLength + " bytes");
        }
        byte[] chain = new byte[keyLength];
        MessageDigest digest = BinaryHeader.checksumDigest(hash);
        for (int i = 0; i < stripes - 1; i++) {
            xorInto(chain, material, i * keyLength);
            diffuse(chain, digest);
        }
        byte[] key = KeyMaterial.derived(new byte[keyLength]);
        for (int j = 0; j < keyLength; j++) {
            key[j] = (byte) (chain[j] ^ material[(stripes - 1) * keyLength + j]);
        }
        Arrays.fill(chain, (byte) 0);
        return key;
    }

    private static void xorInto(byte[] target, byte[] source, int sourceOffset) {
        for (int j = 0; j < target.length; j++) {
            target[j] ^= source[sourceOffset + j];
        }
    }

    /** Replaces each digest-sized piece p_i of {@code block} by H(be32(i) || p_i), the last piece truncated. */
    private static void diffuse(byte[] block, MessageDigest digest) {
        int hashLength = digest.getDigestLength();
        for (int offset = 0, index = 0; offset < block.length; offset += hashLength, index++) {
            int length = Math.min(hashLength, block.length - offset);
            digest.update(new byte[] {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index});
            digest.update(block, offset, length);
            byte[] hashed = digest.digest();
            System.arraycopy(hashed, 0, block, offset, length);
            Arrays.fill(hashed, (byte) 0);
        }
    }
}

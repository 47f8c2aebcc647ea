package dev.unikernel.luks;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deliberately naive XTS, one cipher call per block and the tweak multiplied byte by byte as
 * IEEE 1619-2007 section 5.2 writes it: the yardstick for the optimised {@link XtsAes}.
 */
final class ReferenceXts {

    private ReferenceXts() {
    }

    static byte[] encrypt(byte[] key, long unit, byte[] plaintext) {
        try {
            int half = key.length / 2;
            Cipher data = Cipher.getInstance("AES/ECB/NoPadding");
            data.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(key, 0, half), "AES"));
            Cipher tweakCipher = Cipher.getInstance("AES/ECB/NoPadding");
            tweakCipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(key, half, key.length), "AES"));
            byte[] tweak = new byte[16];
            for (int i = 0; i < 8; i++) {
                tweak[i] = (byte) (unit >>> (8 * i));
            }
            tweak = tweakCipher.doFinal(tweak);
            byte[] out = new byte[plaintext.length];
            for (int block = 0; block < plaintext.length; block += 16) {
                byte[] x = new byte[16];
                for (int i = 0; i < 16; i++) {
                    x[i] = (byte) (plaintext[block + i] ^ tweak[i]);
                }
                byte[] y = data.doFinal(x);
                for (int i = 0; i < 16; i++) {
                    out[block + i] = (byte) (y[i] ^ tweak[i]);
                }
                int carry = 0;
                for (int i = 0; i < 16; i++) {
                    int next = (tweak[i] >> 7) & 1;
                    tweak[i] = (byte) ((tweak[i] << 1) | carry);
                    carry = next;
                }
                if (carry != 0) {
                    tweak[0] ^= (byte) 0x87;
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.unikernel.luks;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;

/**
 * PBKDF2 (RFC 8018) over the JCA's HMAC, on byte passwords: LUKS passphrases are bytes (a key file
 * may hold anything), and the volume key digest uses the binary volume key as the password, while
 * the JCA's PBKDF2 SecretKeyFactory only takes chars.
 */
final class Pbkdf2 {

    private Pbkdf2() {
    }

    static byte[] derive(String hash, byte[] password, byte[] salt, int iterations, int length) throws LuksException {
        if (iterations < 1) {
            throw new LuksException("PBKDF2 iteration count must be positive: " + iterations);
        }
        Mac mac = hmac(hash, password);
        int hashLength = mac.getMacLength();
        byte[] output = KeyMaterial.derived(new byte[length]);
        byte[] u = new byte[hashLength];
        byte[] block = new byte[hashLength];
        try {
            for (int blockIndex = 1, done = 0; done < length; blockIndex++, done += hashLength) {
                mac.update(salt);
                mac.update(new byte[] {(byte) (blockIndex >>> 24), (byte) (blockIndex >>> 16), (byte) (blockIndex >>> 8), (byte) blockIndex});
                mac.doFinal(u, 0);
                System.arraycopy(u, 0, block, 0, hashLength);
                for (int i = 1; i < iterations; i++) {
                    mac.update(u);
                    mac.doFinal(u, 0);
                    for (int j = 0; j < hashLength; j++) {
                        block[j] ^= u[j];
                    }
                }
                System.arraycopy(block, 0, output, done, Math.min(hashLength, length - done));
            }
        } catch (GeneralSecurityException e) {
            KeyMaterial.wipe(output);
            throw new IllegalStateException("HMAC failed", e);
        } finally {
            Arrays.fill(u, (byte) 0);
            Arrays.fill(block, (byte) 0);
            forget(mac);
        }
        return output;
    }

    /**
     * HMAC keeps its key, XORed into its two pads, until it is given another: a one-byte zero key
     * overwrites them, so the passphrase (or candidate volume key) does not outlive the derivation.
     */
    static void forget(Mac mac) {
        try {
            mac.init(new RawKey(new byte[1], mac.getAlgorithm()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC refused a key it took before", e);
        }
    }

    /** The JCA MAC name for a LUKS hash name ("sha256" → "HmacSHA256"). */
    static Mac hmac(String hash, byte[] key) throws LuksException {
        String name = switch (hash.toLowerCase(Locale.ROOT)) {
            case "sha1" -> "HmacSHA1";
            case "sha256" -> "HmacSHA256";
            case "sha384" -> "HmacSHA384";
            case "sha512" -> "HmacSHA512";
            default -> throw new LuksException("unsupported PBKDF2 hash \"" + hash + "\" (sha1, sha256, sha384, sha512 are)");
        };
        try {
            Mac mac = Mac.getInstance(name);
            // HMAC pads short keys with zeros, so an empty key equals a single zero byte. A RawKey, not a
            // SecretKeySpec: no copy of the passphrase stays behind.
            mac.init(new RawKey(key.length == 0 ? new byte[1] : key, name));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new LuksException("the JCA has no " + name, e);
        }
    }
}

package dev.unikernel.luks;

import javax.crypto.SecretKey;

/**
 * Key bytes handed to the JCA without the copy {@link javax.crypto.spec.SecretKeySpec} keeps: a
 * SecretKeySpec clones its array and cannot be wiped ({@code destroy()} is not implemented in Java
 * 25), so every HMAC or AES key made from one would stay on the heap. This is a view of an array the
 * caller owns and wipes; {@link #getEncoded()} gives the JCA a clone, which SunJCE's HMAC and
 * ciphers wipe once they have expanded it.
 */
final class RawKey implements SecretKey {

    private static final long serialVersionUID = 1L;

    private final transient byte[] key;
    private final String algorithm;

    RawKey(byte[] key, String algorithm) {
        this.key = key;
        this.algorithm = algorithm;
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "RawKey[" + algorithm + ", " + key.length + " bytes]";
    }
}

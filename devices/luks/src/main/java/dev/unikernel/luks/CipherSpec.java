package dev.unikernel.luks;

/**
 * The cipher names this implementation speaks: {@code aes-xts-plain64} only, with a 256- or
 * 512-bit key (AES-128-XTS or AES-256-XTS). plain64 makes the tweak the sector number counted in
 * 512-byte units, little-endian.
 */
final class CipherSpec {

    static final String AES_XTS_PLAIN64 = "aes-xts-plain64";

    private CipherSpec() {
    }

    static void requireSupported(String encryption, int keyBytes, String where) throws LuksException {
        if (!AES_XTS_PLAIN64.equals(encryption)) {
            throw new LuksException(where + " uses cipher \"" + encryption + "\", which is not supported (only "
                    + AES_XTS_PLAIN64 + " is)");
        }
        if (keyBytes != 32 && keyBytes != 64) {
            throw new LuksException(where + " has a " + keyBytes * 8 + "-bit " + AES_XTS_PLAIN64
                    + " key; only 256 and 512 bits are supported");
        }
    }
}

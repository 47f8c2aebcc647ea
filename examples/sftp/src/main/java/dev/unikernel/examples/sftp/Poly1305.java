package dev.unikernel.examples.sftp;

/**
 * The Poly1305 one-time authenticator (RFC 8439 §2.5) as chacha20-poly1305@openssh.com uses it: a
 * fresh 32-byte key per packet, the message in pieces, a 16-byte tag.
 */
interface Poly1305 {

    int KEY_SIZE = 32;
    int TAG_SIZE = 16;

    /** The Java runtime's when it is opened to us and fast here, else ours: see {@link RuntimePoly1305}. */
    static Poly1305 create() {
        return RuntimePoly1305.PREFERRED ? new RuntimePoly1305() : new PortablePoly1305();
    }

    /** Starts a new tag with the 32-byte one-time key at {@code key[offset]}. */
    void init(byte[] key, int offset);

    void update(byte[] data, int offset, int length);

    /** Writes the 16-byte tag at {@code out[offset]}. */
    void doFinal(byte[] out, int offset);
}

package dev.unikernel.examples.sftp;

import javax.crypto.AEADBadTagException;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;

/**
 * OpenSSH's {@code chacha20-poly1305@openssh.com} transport cipher (PROTOCOL.chacha20poly1305) on the
 * Java runtime's ChaCha20, which the JIT compiles to vector code, and the fastest {@link Poly1305} here
 * (the runtime's AVX-512 intrinsic when it is opened to us, else ours). MINA's own implementation
 * computes both in plain Java a byte at a time, which halves SFTP throughput against OpenSSH; the
 * packets are the same bit for bit.
 *
 * <p>Per packet, with the sequence number as nonce: the 4-byte length is encrypted with the second
 * half of the key ({@link PacketLengthKeystream}); the payload with the first half from block counter
 * 1; block 0 of that stream gives the Poly1305 key, and the tag covers the encrypted length and
 * payload.
 */
final class ChaCha20Poly1305Transport implements Cipher {

    /** Replaces MINA's cipher of the same name in a server's cipher list. */
    static final NamedFactory<Cipher> FACTORY = new NamedFactory<>() {
        @Override
        public String getName() {
            return BuiltinCiphers.cc20p1305_openssh.getName();
        }

        @Override
        public Cipher create() {
            return new ChaCha20Poly1305Transport();
        }
    };

    private static final byte[] ZEROS = new byte[64];

    private final javax.crypto.Cipher payloadStream;
    private final Poly1305 mac;
    private final byte[] nonce = new byte[12];
    private final byte[] block0 = new byte[64];
    private final byte[] tag = new byte[Poly1305.TAG_SIZE];
    private SecretKeySpec payloadKey;
    private PacketLengthKeystream lengthStream;
    private Mode mode;
    private long sequence;
    private long firstSequence;

    ChaCha20Poly1305Transport() {
        this(Poly1305.create());
    }

    ChaCha20Poly1305Transport(Poly1305 mac) {
        this.mac = mac;
        try {
            payloadStream = javax.crypto.Cipher.getInstance("ChaCha20");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no ChaCha20", e);
        }
    }

    @Override
    public void init(Mode mode, byte[] key, byte[] iv) {
        this.mode = mode;
        payloadKey = new SecretKeySpec(key, 0, 32, "ChaCha20");
        lengthStream = new PacketLengthKeystream(key, 32);
        // The "IV" is the packet sequence number: an SSH uint32, big-endian in 8 bytes.
        long iv64 = 0;
        for (int i = 0; i < 8; i++) {
            iv64 = (iv64 << 8) | (iv[i] & 0xFF);
        }
        if ((iv64 >>> 32) != 0) {
            throw new IllegalArgumentException("chacha20-poly1305: the nonce is not an SSH packet sequence number");
        }
        sequence = iv64;
        firstSequence = sequence;
    }

    /** The packet length: the first call of each packet, which also starts its streams and MAC. */
    @Override
    public void updateAAD(byte[] data, int offset, int length) throws Exception {
        if (length != 4) {
            throw new IllegalArgumentException("chacha20-poly1305 authenticates only the 4-byte packet length");
        }
        startPacket();
        if (mode == Mode.Decrypt) {
            mac.update(data, offset, length);
        }
        lengthStream.apply(data, offset, sequence);
        if (mode == Mode.Encrypt) {
            mac.update(data, offset, length);
        }
    }

    /** The payload, in place; encrypting appends the tag, decrypting checks the one that follows. */
    @Override
    public void update(byte[] data, int offset, int length) throws Exception {
        if (mode == Mode.Decrypt) {
            mac.update(data, offset, length);
            mac.doFinal(tag, 0);
            // Compared in place and in constant time: no copy of the received tag per packet.
            int difference = 0;
            for (int i = 0; i < tag.length; i++) {
                difference |= tag[i] ^ data[offset + length + i];
            }
            if (difference != 0) {
                throw new AEADBadTagException("chacha20-poly1305: packet authentication failed");
            }
        }
        payloadStream.update(data, offset, length, data, offset);
        if (mode == Mode.Encrypt) {
            mac.update(data, offset, length);
            mac.doFinal(data, offset + length);
        }
        sequence = (sequence + 1) & 0xFFFF_FFFFL;
        if (sequence == firstSequence) {
            throw new IllegalStateException("chacha20-poly1305: packet sequence number reused under one key");
        }
    }

    private void startPacket() throws Exception {
        // OpenSSH's ChaCha20 has a 64-bit block counter and a 64-bit nonce (the sequence number,
        // big-endian); RFC 8439's, the Java runtime's, a 32-bit counter and a 96-bit nonce. The same
        // state words: the RFC nonce is the counter's high word (0 here) then the 8 sequence bytes.
        for (int i = 0; i < 4; i++) {
            nonce[8 + i] = (byte) (sequence >>> (24 - 8 * i));
        }
        payloadStream.init(javax.crypto.Cipher.ENCRYPT_MODE, payloadKey, new ChaCha20ParameterSpec(nonce, 0));
        payloadStream.update(ZEROS, 0, 64, block0, 0);
        mac.init(block0, 0);
    }

    @Override
    public String getAlgorithm() {
        return "ChaCha20";
    }

    @Override
    public String getTransformation() {
        return "ChaCha20";
    }

    @Override
    public int getIVSize() {
        return 8;
    }

    @Override
    public int getAuthenticationTagSize() {
        return Poly1305.TAG_SIZE;
    }

    @Override
    public int getCipherBlockSize() {
        return 8;
    }

    @Override
    public int getKdfSize() {
        return 64;
    }

    @Override
    public int getKeySize() {
        return 256;
    }
}

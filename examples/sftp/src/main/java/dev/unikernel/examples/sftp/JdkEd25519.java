package dev.unikernel.examples.sftp;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.apache.sshd.common.config.keys.PrivateKeyEntryDecoder;
import org.apache.sshd.common.config.keys.PublicKeyEntryDecoder;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSAUtils;
import org.apache.sshd.common.util.security.eddsa.generic.GenericEd25519PublicKeyDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericOpenSSHEd25519PrivateKeyEntryDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericSignatureEd25519;

/**
 * MINA's ssh-ed25519 (host key, signatures, client keys, OpenSSH key files) over the JDK's own
 * Ed25519 (SunEC, in java.base): keys are {@link EdECPublicKey} and {@link EdECPrivateKey}. MINA's
 * generic decoders and signature do the SSH encoding; this class only converts between raw 32-byte
 * keys and JDK keys.
 */
final class JdkEd25519 implements EdDSASupport<EdECPublicKey, EdECPrivateKey> {

    /** The JDK algorithm name of Ed25519 keys, factories and signatures. */
    static final String ALGORITHM = "Ed25519";

    private static final int KEY_BYTES = 32;

    @Override
    public PublicKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getEDDSAPublicKeyEntryDecoder() {
        return new GenericEd25519PublicKeyDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);
    }

    @Override
    public PrivateKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getOpenSSHEDDSAPrivateKeyEntryDecoder() {
        return new GenericOpenSSHEd25519PrivateKeyEntryDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);
    }

    @Override
    public Signature getEDDSASigner() {
        return new GenericSignatureEd25519(ALGORITHM);
    }

    @Override
    public int getEDDSAKeySize(Key key) {
        return isEd25519(key) ? KEY_SIZE : -1;
    }

    @Override
    public Class<EdECPublicKey> getEDDSAPublicKeyType() {
        return EdECPublicKey.class;
    }

    @Override
    public Class<EdECPrivateKey> getEDDSAPrivateKeyType() {
        return EdECPrivateKey.class;
    }

    @Override
    public boolean compareEDDSAPPublicKeys(PublicKey k1, PublicKey k2) {
        return isEd25519(k1) && isEd25519(k2) && Arrays.equals(k1.getEncoded(), k2.getEncoded());
    }

    @Override
    public boolean compareEDDSAPrivateKeys(PrivateKey k1, PrivateKey k2) {
        if (!isEd25519(k1) || !isEd25519(k2)) {
            return false;
        }
        byte[] a = ((EdECPrivateKey) k1).getBytes().orElse(null);
        byte[] b = ((EdECPrivateKey) k2).getBytes().orElse(null);
        try {
            return a != null && b != null && MessageDigest.isEqual(a, b);
        } finally {
            wipe(a);
            wipe(b);
        }
    }

    /**
     * The JDK has no call that derives an Ed25519 public key from a private one, but its key pair
     * generator draws exactly the 32 private key bytes from its random source and derives the public
     * key from them (RFC 8032, 5.1.5): a source that yields the private key bytes gives its public key.
     */
    @Override
    public EdECPublicKey recoverEDDSAPublicKey(PrivateKey key) throws GeneralSecurityException {
        byte[] secret = privateBytes(key);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(secret));
            return (EdECPublicKey) generator.generateKeyPair().getPublic();
        } finally {
            wipe(secret);
        }
    }

    @Override
    public EdECPublicKey generateEDDSAPublicKey(byte[] seed) throws GeneralSecurityException {
        if (seed.length != KEY_BYTES) {
            throw new InvalidKeyException("an ed25519 public key has 32 bytes, not " + seed.length);
        }
        return (EdECPublicKey) KeyFactory.getInstance(ALGORITHM).generatePublic(EdDSAUtils.createPublicKeySpec(seed));
    }

    @Override
    public EdECPrivateKey generateEDDSAPrivateKey(byte[] seed) throws GeneralSecurityException {
        if (seed.length != KEY_BYTES) {
            throw new InvalidKeyException("an ed25519 private key has 32 bytes, not " + seed.length);
        }
        return (EdECPrivateKey) KeyFactory.getInstance(ALGORITHM)
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    }

    @Override
    public <B extends Buffer> B putRawEDDSAPublicKey(B buffer, PublicKey key) {
        buffer.putBytes(getPublicKeyData(ed25519Public(key)));
        return buffer;
    }

    /** The OpenSSH agent's layout: the public key, then the private and public key together. */
    @Override
    public <B extends Buffer> B putEDDSAKeyPair(B buffer, PublicKey pubKey, PrivateKey prvKey) {
        byte[] pk = getPublicKeyData(ed25519Public(pubKey));
        byte[] keypair = new byte[2 * KEY_BYTES];
        try {
            byte[] sk = privateBytes(prvKey);
            System.arraycopy(sk, 0, keypair, 0, KEY_BYTES);
            wipe(sk);
            System.arraycopy(pk, 0, keypair, KEY_BYTES, KEY_BYTES);
            buffer.putBytes(pk);
            buffer.putBytes(keypair);
            return buffer;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            wipe(keypair);
        }
    }

    @Override
    public KeySpec createPublicKeySpec(EdECPublicKey publicKey) {
        return new X509EncodedKeySpec(publicKey.getEncoded());
    }

    @Override
    public KeySpec createPrivateKeySpec(EdECPrivateKey privateKey) {
        try {
            return new EdECPrivateKeySpec(NamedParameterSpec.ED25519, privateBytes(privateKey));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] getPublicKeyData(EdECPublicKey publicKey) {
        if (publicKey == null) {
            return null;
        }
        try {
            return EdDSAUtils.getBytes(ed25519Public(publicKey));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] getPrivateKeyData(EdECPrivateKey privateKey) throws IOException {
        try {
            return privateBytes(privateKey);
        } catch (InvalidKeyException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String getKeyFactoryAlgorithm() {
        return ALGORITHM;
    }

    private static boolean isEd25519(Key key) {
        return key instanceof EdECKey edec && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(edec.getParams().getName());
    }

    private static EdECPublicKey ed25519Public(PublicKey key) {
        if (!isEd25519(key)) {
            throw new IllegalArgumentException("not an ed25519 public key: " + (key == null ? null : key.getAlgorithm()));
        }
        return (EdECPublicKey) key;
    }

    private static byte[] privateBytes(PrivateKey key) throws InvalidKeyException {
        if (!isEd25519(key)) {
            throw new InvalidKeyException("not an ed25519 private key: " + (key == null ? null : key.getAlgorithm()));
        }
        return ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new InvalidKeyException("the ed25519 private key does not reveal its bytes"));
    }

    private static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** A random source that yields the given bytes once: only for {@link #recoverEDDSAPublicKey}. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;
        private boolean used;

        FixedBytes(byte[] bytes) {
            super(null, null); // no algorithm of its own: the default one would be set up for nothing
            this.bytes = bytes;
        }

        @Override
        public void nextBytes(byte[] out) {
            if (used || out.length != bytes.length) {
                throw new IllegalStateException("the Ed25519 generator asked for other bytes than the private key");
            }
            used = true;
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}

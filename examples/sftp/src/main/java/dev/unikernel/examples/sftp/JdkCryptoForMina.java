package dev.unikernel.examples.sftp;

import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * MINA's cryptography from the JDK alone. Left to itself, MINA registers BouncyCastle (on the class
 * path for the volume's Argon2) as a security provider and takes ed25519 from it: setting that provider
 * up costs most of a second of CPU before the server listens, and no AOT cache can hold BouncyCastle's
 * classes because its jar is signed. The JDK has all the server offers: ed25519 through
 * {@link JdkEd25519Registrar}; ecdsa, rsa, X25519, AES-GCM and HMAC from its default providers. The
 * post-quantum key exchanges (mlkem768x25519, sntrup761x25519) use BouncyCastle's classes directly,
 * not its provider, so they need no registration.
 */
final class JdkCryptoForMina {

    private static boolean installed;

    private JdkCryptoForMina() {
    }

    /** Must run before MINA's first use of its security providers (parsing a key, setting up a server). */
    static synchronized void install() {
        if (installed) {
            return;
        }
        if (SecurityUtils.isRegistrationCompleted()) {
            throw new IllegalStateException("MINA chose its security providers before JdkCryptoForMina.install()");
        }
        SecurityUtils.setAPrioriDisabledProvider(SecurityUtils.BOUNCY_CASTLE, true);
        SecurityUtils.setAPrioriDisabledProvider(SecurityUtils.EDDSA, true); // net.i2p's, which is not linked in
        SecurityUtils.registerSecurityProvider(new JdkEd25519Registrar());
        installed = true;
    }
}

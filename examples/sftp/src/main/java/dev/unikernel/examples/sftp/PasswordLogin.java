package dev.unikernel.examples.sftp;

import dev.unikernel.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Password login for one user, checked against a PBKDF2-SHA256 hash: the text
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in base64), as {@link #hash} makes it.
 * Off unless the password-hash key is given.
 */
final class PasswordLogin implements PasswordAuthenticator {

    static final String SCHEME = "pbkdf2-sha256";

    private final String user;
    private final int iterations;
    private final byte[] salt;
    private final byte[] expected;

    PasswordLogin(String user, Secret hash) {
        this.user = user;
        String text = new String(hash.bytes(), StandardCharsets.UTF_8).trim();
        String[] parts = text.split("\\$");
        try {
            if (parts.length != 4 || !parts[0].equals(SCHEME)) {
                throw new IllegalArgumentException();
            }
            this.iterations = Integer.parseInt(parts[1]);
            this.salt = Base64.getDecoder().decode(parts[2]);
            this.expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            // The message names the expected form, never the content.
            throw new IllegalArgumentException("the password hash from " + hash.origin() + " is not of the form "
                    + SCHEME + "$ITERATIONS$SALT$HASH");
        }
        if (iterations < 10_000 || salt.length < 16 || expected.length != 32) {
            throw new IllegalArgumentException("the password hash from " + hash.origin()
                    + " is too weak: at least 10000 iterations, a 16-byte salt and a 32-byte hash");
        }
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        byte[] actual = derive(password.toCharArray(), salt, iterations);
        // Compare in constant time, and check the user after hashing so both failures cost the same.
        boolean match = MessageDigest.isEqual(actual, expected);
        Arrays.fill(actual, (byte) 0);
        return match && user.equals(username);
    }

    /** The hash text for {@code password}. */
    static String hash(char[] password, byte[] salt, int iterations) {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(derive(password, salt, iterations));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (java.security.NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java runtime", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(password, '\0');
        }
    }
}

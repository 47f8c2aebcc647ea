package dev.unikernel.examples.sftp;

import dev.unikernel.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Password login for one user, checked against a PBKDF2-SHA256 hash: the text
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in base64), as {@link #hash} makes it.
 * Off unless the password-hash key is given.
 */
final class PasswordLogin implements PasswordAuthenticator {

    static final String SCHEME = "pbkdf2-sha256";
    /** How long a wrong password waits for its answer. */
    static final long FAILURE_DELAY_MS = 1000;

    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "password-login");
        thread.setDaemon(true);
        return thread;
    });

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

    /**
     * Checks on this class's one thread, never on MINA's I/O threads: a slow PBKDF2 stalls no other
     * session, and guesses from all connections queue behind each other. A wrong password is answered
     * only {@link #FAILURE_DELAY_MS} later; MINA ends the connection after a few tries.
     */
    @Override
    public boolean authenticate(String username, String password, ServerSession session) throws AsyncAuthException {
        AsyncAuthException pending = new AsyncAuthException();
        char[] attempt = password.toCharArray();
        checks.execute(() -> {
            boolean ok = matches(username, attempt);
            if (ok) {
                pending.setAuthed(true);
            } else {
                LoginPenalties.failedAttempt(session);
                checks.schedule(() -> pending.setAuthed(false), FAILURE_DELAY_MS, TimeUnit.MILLISECONDS);
            }
        });
        throw pending;
    }

    private boolean matches(String username, char[] password) {
        byte[] actual = derive(password, salt, iterations);
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

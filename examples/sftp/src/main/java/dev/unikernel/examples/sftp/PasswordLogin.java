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
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password login for one user, checked against a PBKDF2-SHA256 hash: the text
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in base64), as {@link #hash} and the
 * example's {@code make-password-hash.sh} make it. Off unless the password-hash key is given.
 */
final class PasswordLogin implements PasswordAuthenticator {

    static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's Password Storage Cheat Sheet (since 2023) for PBKDF2-HMAC-SHA256. */
    static final int MIN_ITERATIONS = 600_000;
    /** Above this a check takes seconds, and holds a check thread as long. */
    static final int MAX_ITERATIONS = 10_000_000;
    /** How long a wrong password waits for its answer. */
    static final long FAILURE_DELAY_MS = 1000;
    /** How to make a new hash, for the messages that refuse one. */
    static final String HOW_TO_MAKE = "make one with examples/sftp/make-password-hash.sh (docs/guide.md, \"Logins\")";

    private static final Logger LOG = LoggerFactory.getLogger(PasswordLogin.class);
    /** Set while a connection's check runs or its failure waits: one at a time per connection. */
    private static final AttributeRepository.AttributeKey<AtomicBoolean> CHECK_IN_FLIGHT = new AttributeRepository.AttributeKey<>();

    private final PasswordChecks checks;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "password-answer");
        thread.setDaemon(true);
        return thread;
    });

    private final String user;
    private final int iterations;
    private final byte[] salt;
    private final byte[] expected;

    PasswordLogin(String user, Secret hash) {
        this(user, hash, new PasswordChecks());
    }

    PasswordLogin(String user, Secret hash, PasswordChecks checks) {
        this.user = user;
        this.checks = checks;
        byte[] bytes = hash.bytes();
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        Arrays.fill(bytes, (byte) 0);
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
                    + SCHEME + "$ITERATIONS$SALT$HASH: " + HOW_TO_MAKE);
        }
        if (iterations < MIN_ITERATIONS || salt.length < 16 || expected.length != 32) {
            throw new IllegalArgumentException("the password hash from " + hash.origin() + " is too weak ("
                    + iterations + " iterations, a " + salt.length + "-byte salt): at least " + MIN_ITERATIONS
                    + " iterations (OWASP's figure for PBKDF2-HMAC-SHA256), a 16-byte salt and a 32-byte hash; "
                    + HOW_TO_MAKE);
        }
        if (iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the password hash from " + hash.origin() + " has " + iterations
                    + " iterations, more than " + MAX_ITERATIONS + " (each login would take seconds); " + HOW_TO_MAKE);
        }
    }

    /**
     * Checks on {@link PasswordChecks}' few threads, never on MINA's I/O threads: a slow PBKDF2 stalls
     * no other session. One check per connection at a time: an attempt sent before the previous one
     * was answered fails at once, unchecked. When every check thread and queue slot is taken the
     * attempt fails unchecked too. A wrong (or unchecked) password is answered only
     * {@link #FAILURE_DELAY_MS} later; MINA ends the connection after a few tries.
     */
    @Override
    public boolean authenticate(String username, String password, ServerSession session) throws AsyncAuthException {
        AtomicBoolean inFlight = session.computeAttributeIfAbsent(CHECK_IN_FLIGHT, key -> new AtomicBoolean());
        if (!inFlight.compareAndSet(false, true)) {
            LoginPenalties.failedAttempt(session);
            return false;
        }
        AsyncAuthException pending = new AsyncAuthException();
        char[] attempt = password.toCharArray();
        boolean queued = checks.submit(() -> {
            if (matches(username, attempt)) {
                inFlight.set(false);
                pending.setAuthed(true);
            } else {
                failLater(session, inFlight, pending);
            }
        });
        if (!queued) {
            Arrays.fill(attempt, '\0');
            long refused = checks.refused();
            if (refused == 1 || refused % 1000 == 0) {
                LOG.warn("password login: {} checks running or waiting, the most there may be; {} attempt(s) refused"
                        + " unchecked since start", checks.capacity(), refused);
            }
            failLater(session, inFlight, pending);
        }
        throw pending;
    }

    private void failLater(ServerSession session, AtomicBoolean inFlight, AsyncAuthException pending) {
        LoginPenalties.failedAttempt(session);
        answers.schedule(() -> {
            inFlight.set(false);
            pending.setAuthed(false);
        }, FAILURE_DELAY_MS, TimeUnit.MILLISECONDS);
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

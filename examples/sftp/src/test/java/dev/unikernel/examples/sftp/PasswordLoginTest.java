package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.Secret;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.session.ServerSession;
import org.junit.jupiter.api.Test;

/** Password login: the hash's strength checked at start, and checks bounded per connection. */
class PasswordLoginTest {

    private static final String PASSWORD = "a password only the test knows";
    private static final byte[] SALT = "sixteen byte salt".getBytes(StandardCharsets.UTF_8);

    @Test
    void aHashBelowOwaspsIterationCountIsRefusedWithHowToMakeANewOne() {
        for (int iterations : new int[] {10_000, 20_000, 599_999}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PasswordLogin("sftp", secret(PasswordLogin.hash(PASSWORD.toCharArray(), SALT, iterations))));
            assertTrue(e.getMessage().contains("at least 600000 iterations"), e.getMessage());
            assertTrue(e.getMessage().contains("make-password-hash.sh"), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        }
        new PasswordLogin("sftp", secret(PasswordLogin.hash(PASSWORD.toCharArray(), SALT, 600_000)));
    }

    @Test
    void theHashTheDocumentedScriptMakesIsAcceptedAndMatches() throws Exception {
        // The password on stdin, never an argument, as the guide says to run it.
        Process script = new ProcessBuilder("bash", "make-password-hash.sh").redirectErrorStream(true).start();
        script.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        script.getOutputStream().close();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, script.exitValue(), output);
        assertTrue(output.startsWith("pbkdf2-sha256$600000$"), output);
        PasswordLogin login = new PasswordLogin("sftp", secret(output));
        assertTrue(attempt(login, PASSWORD, session()).get(60, TimeUnit.SECONDS));
        assertFalse(attempt(login, PASSWORD + "\n", session()).get(60, TimeUnit.SECONDS), "the newline is not the password's");
        assertFalse(attempt(login, PASSWORD, session(), "root").get(60, TimeUnit.SECONDS), "another user");
    }

    @Test
    void aSecondAttemptOnAConnectionWhileOneIsCheckedFailsAtOnce() throws Exception {
        PasswordLogin login = new PasswordLogin("sftp", secret(PasswordLogin.hash(PASSWORD.toCharArray(), SALT, 600_000)));
        ServerSession session = session();
        CompletableFuture<Boolean> first = attempt(login, PASSWORD, session);
        // Sent before the first was answered: no second hash is computed for it.
        assertFalse(login.authenticate("sftp", "another guess", session), "a second check in flight on one connection");
        assertFalse(login.authenticate("sftp", PASSWORD, session), "even with the right password");
        assertTrue(first.get(60, TimeUnit.SECONDS), "the first attempt, the right password, is answered");
        // Answered: the connection may try again.
        assertTrue(attempt(login, PASSWORD, session).get(60, TimeUnit.SECONDS));
    }

    @Test
    void attemptsPastTheChecksCapacityFailUnchecked() throws Exception {
        PasswordChecks checks = new PasswordChecks(1);
        PasswordLogin login = new PasswordLogin("sftp", secret(PasswordLogin.hash(PASSWORD.toCharArray(), SALT, 600_000)),
                checks);
        int attempts = checks.capacity() + 6;
        CompletableFuture<?>[] answers = new CompletableFuture<?>[attempts];
        for (int i = 0; i < attempts; i++) {
            answers[i] = attempt(login, "wrong " + i, session());
        }
        // A check takes a few hundred milliseconds: the ones past running and queued are refused at once.
        assertTrue(checks.refused() >= 6, "refused: " + checks.refused() + " of " + attempts);
        for (CompletableFuture<?> answer : answers) {
            assertEquals(false, answer.get(120, TimeUnit.SECONDS));
        }
        checks.close();
    }

    /** The attempt's answer: at once (thrown or returned) or when MINA would be told. */
    private static CompletableFuture<Boolean> attempt(PasswordLogin login, String password, ServerSession session) {
        return attempt(login, password, session, "sftp");
    }

    private static CompletableFuture<Boolean> attempt(PasswordLogin login, String password, ServerSession session, String user) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        try {
            answer.complete(login.authenticate(user, password, session));
        } catch (AsyncAuthException pending) {
            pending.addListener(answer::complete);
        }
        return answer;
    }

    private static Secret secret(String text) {
        return Secret.of(text.getBytes(StandardCharsets.UTF_8), "test");
    }

    /** A connection as far as password login sees one: its attributes. */
    @SuppressWarnings("unchecked")
    private static ServerSession session() {
        Map<Object, Object> attributes = new ConcurrentHashMap<>();
        return (ServerSession) Proxy.newProxyInstance(ServerSession.class.getClassLoader(), new Class<?>[] {ServerSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setAttribute" -> attributes.put(args[0], args[1]);
                    case "getAttribute" -> attributes.get(args[0]);
                    case "computeAttributeIfAbsent" -> attributes.computeIfAbsent(args[0], (Function<Object, Object>) args[1]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test session";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

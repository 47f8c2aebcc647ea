package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The options prefix of an authorized_keys line, read as sshd(8) reads it. */
class AuthorizedKeyOptionsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");

    @Test
    void optionsEndAtTheFirstSpaceOutsideQuotes() {
        String line = "from=\"10.0.0.1, 10.0.0.2\",command=\"internal-sftp -R\" ssh-ed25519 AAAA comment";
        assertEquals(line.indexOf(" ssh-ed25519"), AuthorizedKeyOptions.end(line));
        String escaped = "environment=\"A=\\\" b\",restrict ssh-ed25519 AAAA";
        assertEquals(escaped.indexOf(" ssh-ed25519"), AuthorizedKeyOptions.end(escaped));
        assertThrows(IllegalArgumentException.class, () -> AuthorizedKeyOptions.end("from=\"10.0.0.1 ssh-ed25519 AAAA"));
    }

    @Test
    void commasInsideQuotesBelongToTheValue() {
        KeyRestrictions r = parse("restrict,from=\"10.9.9.9,127.0.0.1\",no-pty");
        assertEquals("10.9.9.9,127.0.0.1", r.from().orElseThrow().toString());
        assertTrue(r.refusal(client("127.0.0.1"), NOW).isEmpty());
        assertFalse(r.refusal(client("127.0.0.2"), NOW).isEmpty());
    }

    @Test
    void anEscapedQuoteIsAQuoteAndOtherBackslashesStay() {
        // environment= is checked and ignored; a malformed one is an error, so the value must dequote right.
        parse("environment=\"QUOTED=a \\\"b\\\" c\\\\d\"");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> parse("environment=\"\\\"=x\""));
        assertTrue(bad.getMessage().contains("environment=\"\"=x\""), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("from=\"10.0.0.1"));
    }

    @Test
    void namesAreCaseInsensitiveAsInSshd() {
        KeyRestrictions r = parse("RESTRICT,No-Pty,Command=\"internal-sftp -R\"");
        assertTrue(r.readOnly());
    }

    @Test
    void commandMustBeInternalSftp() {
        assertFalse(parse("command=\"internal-sftp\"").readOnly());
        assertTrue(parse("command=\"internal-sftp -R\"").readOnly());
        assertTrue(parse("command=\" internal-sftp  -R -R \"").readOnly());
        for (String other : new String[] {"ls", "internal-sftp -d /upload", "/usr/lib/openssh/sftp-server -R", "internal-sftp-R"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("command=\"" + other + "\""));
            assertTrue(e.getMessage().contains("cannot be honoured") && e.getMessage().contains(other), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> parse("command=\"internal-sftp\",command=\"internal-sftp -R\""));
    }

    @Test
    void expiryTimeIsLocalUnlessZAndTheEarliestCounts() {
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), AuthorizedKeyOptions.expiry("20000101Z", PARIS));
        assertEquals(Instant.parse("1999-12-31T23:00:00Z"), AuthorizedKeyOptions.expiry("20000101", PARIS));
        assertEquals(Instant.parse("2030-06-01T12:34:00Z"), AuthorizedKeyOptions.expiry("203006011234utc", PARIS));
        assertEquals(Instant.parse("2030-06-01T12:34:56Z"), AuthorizedKeyOptions.expiry("20300601123456Z", PARIS));
        for (String bad : new String[] {"2000010", "200001011", "20001301", "20000230", "tomorrow", "Z"}) {
            assertThrows(IllegalArgumentException.class, () -> AuthorizedKeyOptions.expiry(bad, PARIS), bad);
        }
        KeyRestrictions r = parse("expiry-time=\"20300101\",expiry-time=\"20261207Z\"");
        assertEquals(Instant.parse("2026-12-07T00:00:00Z"), r.expiresAt().orElseThrow());
        assertTrue(r.refusal(client("127.0.0.1"), NOW).orElseThrow().contains("expired"));
        // Valid up to and including the second it names, as sshd compares.
        KeyRestrictions exact = parse("expiry-time=\"20261208Z\"");
        assertTrue(exact.refusal(client("127.0.0.1"), NOW).isEmpty());
        assertFalse(exact.refusal(client("127.0.0.1"), NOW.plusSeconds(1)).isEmpty());
    }

    @Test
    void certAuthorityWithOrWithoutPrincipals() {
        KeyRestrictions plain = parse("cert-authority");
        assertTrue(plain.certAuthority());
        assertTrue(plain.principals().isEmpty());
        KeyRestrictions named = parse("Cert-Authority,principals=\"ops,backup\",from=\"127.0.0.1\"");
        assertEquals(java.util.List.of("ops", "backup"), named.principals().orElseThrow());
        assertFalse(parse("restrict").certAuthority());
    }

    @Test
    void optionsWithNoEffectHereAreAccepted() {
        KeyRestrictions r = parse("restrict,no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-pty,no-user-rc,"
                + "pty,port-forwarding,agent-forwarding,x11-forwarding,user-rc,permitopen=\"localhost:80\","
                + "permitopen=\"[::1]:*\",permitlisten=\"8080\",permitlisten=\"localhost:*\",tunnel=\"0\","
                + "environment=\"LANG=C\"");
        assertEquals(KeyRestrictions.NONE, r);
        for (String bad : new String[] {"permitopen=\"localhost\"", "permitopen=\"h:70000\"", "permitlisten=\"h:x\"",
                "tunnel=\"tun0\"", "environment=\"NOEQUALS\""}) {
            assertThrows(IllegalArgumentException.class, () -> parse(bad), bad);
        }
    }

    @Test
    void unknownUnsupportedAndMalformedOptionsAreErrorsNamingTheOption() {
        assertMessage("no-agent-forwardin", "unknown option no-agent-forwardin");
        assertMessage("principals=\"alice\"", "option principals applies to certificates: add cert-authority");
        assertMessage("cert-authority,principals=\"a\",principals=\"b\"", "option principals appears twice");
        assertMessage("cert-authority,principals=\"a,,b\"", "an empty name");
        assertMessage("cert-authority=\"yes\"", "option cert-authority takes no value");
        assertMessage("no-touch-required", "option no-touch-required is not supported");
        assertMessage("verify-required", "option verify-required is not supported");
        assertMessage("restrict=\"yes\"", "option restrict takes no value");
        assertMessage("from", "option from needs a value");
        assertMessage("from=10.0.0.1", "needs its value in double quotes");
        assertMessage("restrict,", "end with a comma");
        assertMessage("restrict,,no-pty", "empty option");
        assertMessage("from=\"10.0.0.1\"x", "unexpected text after option from");
        assertMessage("from=\"1.2.3.4\",from=\"5.6.7.8\"", "option from appears twice");
        assertMessage("from=\"10.0.0.1/8\"", "write 10.0.0.0/8");
    }

    private static void assertMessage(String options, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(options));
        assertTrue(e.getMessage().contains(expected), options + ": " + e.getMessage());
    }

    private static KeyRestrictions parse(String options) {
        return AuthorizedKeyOptions.parse(options, ZoneOffset.UTC);
    }

    static InetSocketAddress client(String address) {
        try {
            return new InetSocketAddress(InetAddress.getByName(address), 50000);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

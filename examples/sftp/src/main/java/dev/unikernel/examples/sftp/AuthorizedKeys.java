package dev.unikernel.examples.sftp;

import dev.unikernel.api.TrustedFiles;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that may log in, read once at start from an OpenSSH authorized_keys file (ed25519,
 * ecdsa and rsa keys) with their options ({@link AuthorizedKeyOptions}), so a bad file stops the
 * server at start rather than locking everyone out, or letting a restricted key in unrestricted,
 * later. As sshd, the first line whose key matches and whose options allow the login decides; a
 * {@code cert-authority} line matches OpenSSH user certificates its key signed ({@link UserCertificates}).
 */
final class AuthorizedKeys implements PublickeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizedKeys.class);

    /** The key types OpenSSH writes first on a line without options; anything else starts with options. */
    private static final Pattern KEY_TYPE = Pattern.compile(
            "(ssh-[a-z0-9-]+|ecdsa-sha2-[a-z0-9-]+|sk-[a-z0-9-]+|rsa-sha2-[a-z0-9-]+|x509v3-[a-z0-9-]+)(@[a-z0-9.-]+)?");

    /** One usable line: its key, its restrictions and where it is, for the log. */
    private record Line(PublicKey key, KeyRestrictions restrictions, String where) {
    }

    private final String user;
    private final List<Line> lines;
    private final Clock clock;

    private AuthorizedKeys(String user, List<Line> lines, Clock clock) {
        this.user = user;
        this.lines = List.copyOf(lines);
        this.clock = clock;
    }

    static AuthorizedKeys load(Path file, String user) throws IOException {
        return load(file, user, Clock.systemDefaultZone());
    }

    /** Expiry times without {@code Z} are in {@code clock}'s zone, the server's local time as in sshd. */
    static AuthorizedKeys load(Path file, String user, Clock clock) throws IOException {
        TrustedFiles.checkGrantsAccess(file, "authorized keys file");
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("authorized keys file " + file + " does not exist", e);
        } catch (IOException | RuntimeException e) {
            throw new IOException("authorized keys file " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<Line> lines = new ArrayList<>();
        for (int n = 1; n <= text.size(); n++) {
            String line = text.get(n - 1).strip();
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            String where = "authorized keys file " + file + " line " + n;
            lines.add(parse(line, where, clock.getZone()));
        }
        if (lines.isEmpty()) {
            throw new IOException("authorized keys file " + file + " lists no keys: nobody could log in");
        }
        for (Line line : lines) {
            if (line.restrictions().expiresAt().filter(at -> clock.instant().isAfter(at)).isPresent()) {
                LOG.warn("{}: the key expired at {} (expiry-time): it cannot log in", line.where(),
                        line.restrictions().expiresAt().get());
            }
        }
        return new AuthorizedKeys(user, lines, clock);
    }

    private static Line parse(String line, String where, ZoneId zone) throws IOException {
        String keyText = line;
        KeyRestrictions restrictions = KeyRestrictions.NONE;
        if (!KEY_TYPE.matcher(line.split("[ \t]", 2)[0]).matches()) {
            try {
                int end = AuthorizedKeyOptions.end(line);
                restrictions = AuthorizedKeyOptions.parse(line.substring(0, end), zone);
                keyText = line.substring(end).strip();
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
        }
        PublicKey key;
        try {
            key = PublicKeyEntry.parsePublicKeyEntry(keyText).resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IOException(where + " has a key that cannot be used: " + e.getMessage(), e);
        }
        if (key == null) {
            throw new IOException(where + " has no key after its options");
        }
        if (key instanceof OpenSshCertificate) {
            throw new IOException(where + " lists a certificate: list the user's own public key, or the certificate "
                    + "authority's key with cert-authority");
        }
        return new Line(key, restrictions, where);
    }

    /** {@code session} null: a key checked outside any connection (tests), so with no address to allow. */
    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        SocketAddress client = session == null ? null : session.getClientAddress();
        OpenSshCertificate certificate = key instanceof OpenSshCertificate c ? c : null;
        if (user.equals(username)) {
            for (Line line : lines) {
                // As sshd: a cert-authority line takes only certificates its key signed, other lines only their own key.
                if (line.restrictions().certAuthority() != (certificate != null)
                        || !KeyUtils.compareKeys(line.key(), certificate != null ? certificate.getCaPubKey() : key)) {
                    continue;
                }
                Optional<String> refusal = certificate == null ? Optional.empty()
                        : UserCertificates.refusal(certificate, username, line.restrictions());
                if (refusal.isEmpty()) {
                    refusal = line.restrictions().refusal(client, clock.instant());
                }
                if (refusal.isEmpty()) {
                    if (session != null) {
                        KeyRestrictions.remember(session, line.restrictions());
                    }
                    return true;
                }
                LOG.info("{}: refused a login from {}: {}", line.where(), client, refusal.get());
            }
        }
        if (session != null) {
            KeyRestrictions.remember(session, null);
            LoginPenalties.failedAttempt(session);
        }
        return false;
    }
}

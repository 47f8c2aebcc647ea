package dev.unikernel.examples.sftp;

import dev.unikernel.api.TrustedFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * The keys that may log in, read once at start from an OpenSSH authorized_keys file (ed25519,
 * ecdsa and rsa keys), so a bad file stops the server at start rather than locking everyone out later.
 */
final class AuthorizedKeys implements PublickeyAuthenticator {

    private final String user;
    private final List<PublicKey> keys;

    private AuthorizedKeys(String user, List<PublicKey> keys) {
        this.user = user;
        this.keys = List.copyOf(keys);
    }

    static AuthorizedKeys load(Path file, String user) throws IOException {
        TrustedFiles.checkGrantsAccess(file, "authorized keys file");
        List<AuthorizedKeyEntry> entries;
        try {
            entries = AuthorizedKeyEntry.readAuthorizedKeys(file);
        } catch (NoSuchFileException e) {
            throw new IOException("authorized keys file " + file + " does not exist", e);
        } catch (IOException | RuntimeException e) {
            throw new IOException("authorized keys file " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<PublicKey> keys = new ArrayList<>();
        for (AuthorizedKeyEntry entry : entries) {
            try {
                keys.add(entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
            } catch (GeneralSecurityException | IOException | RuntimeException e) {
                throw new IOException("authorized keys file " + file + " has a key that cannot be used ("
                        + entry.getKeyType() + "): " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IOException("authorized keys file " + file + " lists no keys: nobody could log in");
        }
        return new AuthorizedKeys(user, keys);
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (user.equals(username)) {
            for (PublicKey allowed : keys) {
                if (KeyUtils.compareKeys(allowed, key)) {
                    return true;
                }
            }
        }
        LoginPenalties.failedAttempt(session);
        return false;
    }
}

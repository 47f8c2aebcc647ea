package dev.unikernel.examples.sftp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/**
 * What an authorized_keys line's options leave in force for this server: the addresses the key may
 * log in from ({@code from=}), when it stops working ({@code expiry-time=}: valid up to and
 * including that second, as in sshd), and whether its sessions may only read
 * ({@code command="internal-sftp -R"}); and whether the line's key is a certificate authority
 * ({@code cert-authority}), for which login names ({@code principals=}, else the login name). The key a session logged in with leaves its restrictions on
 * the session, where the SFTP subsystem reads them.
 */
record KeyRestrictions(Optional<AddressPatterns> from, Optional<Instant> expiresAt, boolean readOnly,
        boolean certAuthority, Optional<List<String>> principals) {

    static final KeyRestrictions NONE = new KeyRestrictions(Optional.empty(), Optional.empty(), false, false,
            Optional.empty());

    private static final AttributeKey<KeyRestrictions> LOGGED_IN_WITH = new AttributeKey<>();

    /** Why the key may not log in now from {@code client}, or empty when it may. */
    Optional<String> refusal(SocketAddress client, Instant now) {
        if (expiresAt.isPresent() && now.isAfter(expiresAt.get())) {
            return Optional.of("the key expired at " + expiresAt.get() + " (expiry-time)");
        }
        if (from.isPresent()) {
            InetAddress address = client instanceof InetSocketAddress inet ? inet.getAddress() : null;
            if (address == null || !from.get().allows(address)) {
                return Optional.of("the key is not allowed from " + (address == null ? client : AddressPatterns.numeric(address))
                        + " (from=\"" + from.get() + "\")");
            }
        }
        return Optional.empty();
    }

    /** Records the restrictions of the key being tried; the last key tried is the one that logs in. */
    static void remember(Session session, KeyRestrictions restrictions) {
        if (restrictions == null) {
            session.removeAttribute(LOGGED_IN_WITH);
        } else {
            session.setAttribute(LOGGED_IN_WITH, restrictions);
        }
    }

    /** Whether the session's key allows reading only (sessions without a key, by password, may write). */
    static boolean readOnly(Session session) {
        KeyRestrictions restrictions = session.getAttribute(LOGGED_IN_WITH);
        return restrictions != null && restrictions.readOnly();
    }
}

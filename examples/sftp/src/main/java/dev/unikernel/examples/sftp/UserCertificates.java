package dev.unikernel.examples.sftp;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * What this server checks of an OpenSSH user certificate once its authority is listed with
 * {@code cert-authority}, on top of what MINA's {@code UserAuthPublicKey} checked before asking:
 * a user certificate, valid now, signed by its CA key with one of the server's signature algorithms
 * (so no SHA-1 RSA), its {@code source-address} matched, and {@code force-command},
 * {@code verify-required} and unknown critical options refused. MINA does not look at principals:
 * as sshd, the certificate must name the login name, or, with {@code principals=} on the line, one
 * of those names; a certificate naming no one is refused. Type and validity are checked again here,
 * so this class alone refuses what it must not accept.
 */
final class UserCertificates {

    private UserCertificates() {
    }

    /** Why {@code certificate} may not log in as {@code username} through a line with {@code restrictions}. */
    static Optional<String> refusal(OpenSshCertificate certificate, String username, KeyRestrictions restrictions) {
        String id = "certificate \"" + certificate.getId() + "\"";
        if (certificate.getType() != OpenSshCertificate.Type.USER) {
            return Optional.of(id + " is not a user certificate");
        }
        if (!OpenSshCertificate.isValidNow(certificate)) {
            return Optional.of(id + " is not valid now");
        }
        Collection<String> named = certificate.getPrincipals();
        if (named == null || named.isEmpty()) {
            return Optional.of(id + " names no principals");
        }
        List<String> allowed = restrictions.principals().orElse(List.of(username));
        if (named.stream().noneMatch(allowed::contains)) {
            return Optional.of(id + " is for " + named + ", not " + (restrictions.principals().isPresent()
                    ? "one of principals=\"" + String.join(",", allowed) + "\"" : username));
        }
        return Optional.empty();
    }
}

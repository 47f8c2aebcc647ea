package dev.unikernel.examples.sftp;

import dev.unikernel.api.Secret;
import java.nio.file.Path;
import java.util.Optional;

/** What the SSH server needs besides the volume and the network, from the runtime keys. */
record ServerSettings(int port, Path authorizedKeys, Path hostKey, String user,
        Optional<Secret> passwordHash) {

    ServerSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port (1 to 65535)");
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("the login name (user) is empty");
        }
    }
}

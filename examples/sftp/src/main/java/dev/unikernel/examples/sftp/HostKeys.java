package dev.unikernel.examples.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Iterator;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/** The server's ed25519 host key: created (mode 0600, OpenSSH format) when missing, the same ever after. */
final class HostKeys {

    private HostKeys() {
    }

    static KeyPair loadOrCreate(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("cannot create host key " + file + ": directory " + parent + " does not exist");
        }
        boolean existed = Files.exists(file);
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
        provider.setAlgorithm(SecurityUtils.EDDSA);
        provider.setKeySize(256); // BouncyCastle's EdDSA generator needs a size: 256 means Ed25519
        provider.setStrictFilePermissions(true);
        Iterator<KeyPair> keys;
        try {
            keys = provider.loadKeys(null).iterator();
        } catch (RuntimeException e) {
            throw new IOException("host key " + file + " cannot be read: " + e.getMessage()
                    + " (move it away to have a new one created)", e);
        }
        if (!keys.hasNext()) {
            throw new IOException("host key " + file + " holds no key");
        }
        if (!existed && !Files.exists(file)) {
            // The provider falls back to a throwaway key when it cannot write: clients would see a new one each start.
            throw new IOException("cannot write the new host key to " + file);
        }
        return keys.next();
    }
}

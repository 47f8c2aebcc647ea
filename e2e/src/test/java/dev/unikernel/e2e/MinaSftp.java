package dev.unikernel.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Apache MINA SSHD's client, in the test's JVM, for what the OpenSSH sftp program cannot show: SFTP
 * status codes, requests sftp never sends, many sessions at once, password logins. Connects only to
 * 127.0.0.1 and records the host keys it was shown.
 */
final class MinaSftp implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final SshClient client;
    final List<PublicKey> hostKeysSeen = new CopyOnWriteArrayList<>();

    MinaSftp() {
        this(null);
    }

    /** A client that offers only {@code keyExchanges} (null: MINA's defaults). */
    MinaSftp(List<KeyExchangeFactory> keyExchanges) {
        client = SshClient.setUpDefaultClient();
        if (keyExchanges != null) {
            client.setKeyExchangeFactories(keyExchanges);
        }
        client.setServerKeyVerifier((session, address, key) -> {
            hostKeysSeen.add(key);
            return true;
        });
        client.start();
    }

    /** The key pair in an OpenSSH private key file (as ssh-keygen writes it, no passphrase). */
    static KeyPair loadIdentity(Path file) throws IOException {
        List<KeyPair> keys = new ArrayList<>();
        try {
            new FileKeyPairProvider(file).loadKeys(null).forEach(keys::add);
        } catch (Exception e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        }
        if (keys.size() != 1) {
            throw new IOException(file + " holds " + keys.size() + " keys");
        }
        return keys.getFirst();
    }

    /** A session of user sftp that has not authenticated yet. */
    ClientSession connect(int port) throws IOException {
        return client.connect("sftp", "127.0.0.1", port).verify(TIMEOUT).getSession();
    }

    /** A session logged in with {@code key}. */
    ClientSession login(int port, KeyPair key) throws IOException {
        ClientSession session = connect(port);
        session.addPublicKeyIdentity(key);
        session.auth().verify(TIMEOUT);
        return session;
    }

    /** An SFTP channel (the highest version both sides speak: 6) on a logged-in session. */
    static SftpClient sftp(ClientSession session) throws IOException {
        return SftpClientFactory.instance().createSftpClient(session);
    }

    static byte[] readAll(SftpClient sftp, String path) throws IOException {
        try (InputStream in = sftp.read(path)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        client.stop();
        client.close();
    }
}

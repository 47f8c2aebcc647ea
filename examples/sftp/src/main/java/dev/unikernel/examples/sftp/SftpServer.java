package dev.unikernel.examples.sftp;

import dev.unikernel.api.Deferred;
import dev.unikernel.api.Network;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.FileSystem;
import java.net.SocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.sftp.SftpModuleProperties;

/**
 * Apache MINA SSHD configured for this unikernel: modern algorithms only, public-key login for one
 * user (password login only when configured), and the SFTP subsystem over the shared volume.
 */
final class SftpServer implements AutoCloseable {

    /** The read length OpenSSH's sftp-server announces: 256 KiB minus room for the headers. */
    static final int MAX_READ_LENGTH = 256 * 1024 - 1024;

    /** Logged-in connections of one user at once (MINA's MAX_CONCURRENT_SESSIONS); sshd has no such limit. */
    static final int MAX_CONNECTIONS_PER_USER = 32;

    private final SshServer server;
    private final PreAuthGate gate;
    private final InetSocketAddress address;
    private final String hostKeyFingerprint;

    private SftpServer(SshServer server, PreAuthGate gate, InetSocketAddress address, String hostKeyFingerprint) {
        this.server = server;
        this.gate = gate;
        this.address = address;
        this.hostKeyFingerprint = hostKeyFingerprint;
    }

    static SftpServer start(Deferred<FileSystem> volume, Network network, ServerSettings settings)
            throws IOException {
        JdkCryptoForMina.install();
        AuthorizedKeys keys = AuthorizedKeys.load(settings.authorizedKeys(), settings.user());
        KeyPair hostKey = HostKeys.loadOrCreate(settings.hostKey());
        // The algorithms go to the builder, not to a default server afterwards: building the default
        // server probes all of MINA's defaults first, the post-quantum ones by loading BouncyCastle.
        SshServer server = ServerBuilder.builder()
                .keyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
                        List.of(BuiltinDHFactories.mlkem768x25519, BuiltinDHFactories.sntrup761x25519_openssh,
                                BuiltinDHFactories.sntrup761x25519, BuiltinDHFactories.curve25519,
                                BuiltinDHFactories.curve25519_libssh),
                        ServerBuilder.DH2KEX))
                .cipherFactories(List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm,
                        ChaCha20Poly1305Transport.FACTORY))
                .macFactories(List.of(BuiltinMacs.hmacsha256etm, BuiltinMacs.hmacsha512etm))
                // Compression only once logged in (zlib@openssh.com), as OpenSSH's sshd: never for strangers.
                .compressionFactories(List.of(BuiltinCompressions.none, BuiltinCompressions.delayedZlib))
                .signatureFactories(List.of(BuiltinSignatures.ed25519, BuiltinSignatures.nistp256,
                        BuiltinSignatures.nistp384, BuiltinSignatures.nistp521, BuiltinSignatures.rsaSHA512,
                        BuiltinSignatures.rsaSHA256, BuiltinSignatures.ed25519_cert, BuiltinSignatures.nistp256_cert, // user certificates
                        BuiltinSignatures.nistp384_cert, BuiltinSignatures.nistp521_cert, BuiltinSignatures.rsaSHA512_cert, BuiltinSignatures.rsaSHA256_cert))
                .build();
        server.setKeyPairProvider(session -> List.of(hostKey));
        server.setPublickeyAuthenticator(keys);
        if (settings.passwordHash().isPresent()) {
            server.setPasswordAuthenticator(new PasswordLogin(settings.user(), settings.passwordHash().get()));
        } else {
            server.setPasswordAuthenticator(null);
        }
        server.setKeyboardInteractiveAuthenticator(null);
        // Offer exactly these methods: left to itself MINA also offers keyboard-interactive (backed by
        // the password check) whenever a password authenticator is set.
        server.setUserAuthFactories(settings.passwordHash().isPresent()
                ? List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE)
                : List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        // Slow and limit guessing: few tries per connection, a short window to log in, and sources whose
        // connections keep failing refused for a while.
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, 6);
        // Before login (sshd's MaxStartups, PerSourceMaxStartups, LoginGraceTime, PerSourcePenalties):
        // the gate refuses connections as MINA accepts them and cuts them at the grace time.
        LoginPenalties penalties = new LoginPenalties();
        PreAuthGate gate = new PreAuthGate(server, new StartupLimits(new SecureRandom()), penalties,
                LoginGraceDeadlines.GRACE);
        server.setSessionFactory(gate);
        server.addSessionListener(gate);
        server.addSessionListener(penalties);
        // MINA's own timeout (from the end of the key exchange) as a second line behind the gate's.
        CoreModuleProperties.AUTH_TIMEOUT.set(server, LoginGraceDeadlines.GRACE);
        // After login (sshd's MaxSessions): session channels per connection, SFTP sessions per user.
        server.setChannelFactories(List.of(new SessionChannelLimit(SessionChannelLimit.MAX_SESSIONS)));
        CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(server, SessionChannelLimit.MAX_SESSIONS);
        CoreModuleProperties.MAX_CONCURRENT_SESSIONS.set(server, MAX_CONNECTIONS_PER_USER);
        // SFTP is request/reply: without TCP_NODELAY small replies wait for delayed ACKs (~40 ms each).
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        // No shells, no port forwarding, no agent: only the sftp subsystem.
        server.setShellFactory(null);
        server.setCommandFactory(null);
        server.setForwardingFilter(null);
        // Bound what one session can hold open: a client opening handles in a loop exhausts itself, not the server.
        SftpModuleProperties.MAX_OPEN_HANDLES_PER_SESSION.set(server, 1024);
        // OpenSSH clients size their reads from the limits extension: MINA's default 63 KiB makes a
        // download four times the requests and replies of OpenSSH's own server (255 KiB).
        SftpModuleProperties.MAX_READDATA_PACKET_LENGTH.set(server, MAX_READ_LENGTH);
        VolumeSftp.install(server, volume, new SessionLog());
        server.setSubsystemFactories(List.of(new SftpSessionsPerUser(server.getSubsystemFactories().getFirst(),
                SftpSessionsPerUser.MAX_PER_USER)));

        SocketAddress listen = network.listenAddress(settings.port());
        server.setHost(network.listenAddress().getHostAddress());
        server.setPort(settings.port());
        try {
            server.start();
        } catch (BindException e) {
            server.stop(true);
            throw new IOException("cannot listen on " + listen + ": " + e.getMessage()
                    + " (another server uses the port? choose another with the port key)", e);
        }
        gate.startSweeping(server.getScheduledExecutorService());
        InetSocketAddress bound = (InetSocketAddress) server.getBoundAddresses().iterator().next();
        return new SftpServer(server, gate, bound, KeyUtils.getFingerPrint(hostKey.getPublic()));
    }

    InetSocketAddress address() {
        return address;
    }

    String hostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    @Override
    public void close() throws IOException {
        gate.stopSweeping();
        // Graceful: sessions finish their pending replies and close their handles (fsync on close).
        server.stop(false);
    }
}

package dev.unikernel.examples.sftp;

import dev.unikernel.api.Application;
import dev.unikernel.api.ByteSize;
import dev.unikernel.api.Clock;
import dev.unikernel.api.Disk;
import dev.unikernel.api.Entropy;
import dev.unikernel.api.Key;
import dev.unikernel.api.Network;
import dev.unikernel.api.Secret;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flagship unikernel: serves the files of an encrypted FAT16 disk over SFTP. Written once
 * against the device contracts: on unix the disk is an image file and the network the host's, on vm
 * the virtio disk and the guest kernel's TCP/IP, on oci a file in a volume and the container's network.
 */
public final class SftpUnikernel implements Application {

    private static final Logger LOG = LoggerFactory.getLogger(SftpUnikernel.class);

    private final Disk disk;
    private final Network network;
    private final Clock clock;
    private final Entropy entropy;
    private final ServerSettings settings;
    private final Secret passphrase;
    private final Optional<ByteSize> createSize;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public SftpUnikernel(Disk disk, Network network, Clock clock, Entropy entropy,
            @Key(name = "port", doc = "TCP port the SFTP server listens on", defaultValue = "2222") int port,
            @Key(name = "passphrase", doc = "LUKS passphrase of the disk") Secret passphrase,
            @Key(name = "authorized-keys", doc = "OpenSSH authorized_keys file of the keys that may log in")
                    Path authorizedKeys,
            @Key(name = "host-key", doc = "host key file; an ed25519 key is created there (mode 0600) when missing")
                    Path hostKey,
            @Key(name = "create-size", doc = "when the disk does not exist or is blank, create and format it with this size (e.g. 256M)")
                    Optional<ByteSize> createSize,
            @Key(name = "read-only", doc = "serve the volume read-only", defaultValue = "false") boolean readOnly,
            @Key(name = "user", doc = "login name", defaultValue = "sftp") String user,
            @Key(name = "password-hash", doc = "enables password login: a file holding pbkdf2-sha256$ITERATIONS$SALT$HASH (off by default)")
                    Optional<Secret> passwordHash) {
        this.disk = disk;
        this.network = network;
        this.clock = clock;
        this.entropy = entropy;
        this.passphrase = passphrase;
        this.createSize = createSize;
        this.settings = new ServerSettings(port, authorizedKeys, hostKey, readOnly, user, passwordHash);
    }

    @Override
    public int run() throws Exception {
        long start = clock.monotonicNanos();
        // The volume unlocks (seconds of key derivation, by design) while the SSH server takes logins;
        // SFTP requests wait for the volume. It starts to unlock once the server listens, so that the
        // key derivation (and the JIT compiling it) does not delay the first banner. The volume closes
        // last, after the server.
        try (PendingVolume volume = PendingVolume.notYetOpened(() -> EncryptedVolume.openOrCreate(disk,
                passphrase, createSize, settings.readOnly(), entropy));
                SftpServer server = SftpServer.start(volume, network, settings)) {
            long listening = clock.monotonicNanos();
            volume.openInBackground();
            // A volume that cannot be opened ends the program here, with its one-line reason.
            volume.await();
            LOG.info("SFTP server ready on {} in {} ms (SSH from {} ms); host key {}", server.address(),
                    (clock.monotonicNanos() - start) / 1_000_000, (listening - start) / 1_000_000,
                    server.hostKeyFingerprint());
            LOG.info("connect with: sftp -P {} {}@{}", server.address().getPort(), settings.user(),
                    server.address().getAddress().getHostAddress());
            stopRequested.await();
            LOG.info("stopping: closing sessions and flushing the volume");
        }
        LOG.info("volume closed cleanly");
        return 0;
    }

    @Override
    public void stop() {
        stopRequested.countDown();
    }
}

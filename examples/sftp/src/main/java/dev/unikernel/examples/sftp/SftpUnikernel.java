package dev.unikernel.examples.sftp;

import dev.unikernel.api.Application;
import dev.unikernel.api.Clock;
import dev.unikernel.api.Deferred;
import dev.unikernel.api.Key;
import dev.unikernel.api.Network;
import dev.unikernel.api.Secret;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flagship unikernel: serves the files of a volume over SFTP. Written once against the device
 * contracts; which volume it serves is configuration: the pom's {@code <devices>} composes
 * {@code volume=fat(luks(disk))} (an encrypted FAT16 disk, the default), {@code fat(disk)} (a plain
 * FAT16 image) or {@code fat(memory)} (a RAM disk for a throwaway server), and each target gives the
 * disk: an image file on unix, the virtio disk on vm, a file in the volume on oci.
 */
public final class SftpUnikernel implements Application {

    private static final Logger LOG = LoggerFactory.getLogger(SftpUnikernel.class);

    private final Deferred<FileSystem> volume;
    private final Network network;
    private final Clock clock;
    private final ServerSettings settings;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public SftpUnikernel(Deferred<FileSystem> volume, Network network, Clock clock,
            @Key(name = "port", doc = "TCP port the SFTP server listens on", defaultValue = "2222") int port,
            @Key(name = "authorized-keys", doc = "OpenSSH authorized_keys file of the keys that may log in")
                    Path authorizedKeys,
            @Key(name = "host-key", doc = "host key file; an ed25519 key is created there (mode 0600) when missing")
                    Path hostKey,
            @Key(name = "user", doc = "login name", defaultValue = "sftp") String user,
            @Key(name = "password-hash", doc = "enables password login: a file holding pbkdf2-sha256$ITERATIONS$SALT$HASH (off by default)")
                    Optional<Secret> passwordHash) {
        this.volume = volume;
        this.network = network;
        this.clock = clock;
        this.settings = new ServerSettings(port, authorizedKeys, hostKey, user, passwordHash);
    }

    @Override
    public int run() throws Exception {
        long start = clock.monotonicNanos();
        // The volume opens (LUKS2's key derivation takes seconds, by design) while the SSH server takes
        // logins; SFTP requests wait for the volume. It starts to open once the server listens, so
        // that the key derivation (and the JIT compiling it) does not delay the first banner.
        boolean opening = false;
        try (SftpServer server = SftpServer.start(volume, network, settings)) {
            long listening = clock.monotonicNanos();
            volume.start();
            opening = true;
            // A volume that cannot be opened ends the program here, with its one-line reason.
            FileSystem files = volume.await();
            LOG.info("SFTP server ready on {} in {} ms (SSH from {} ms); host key {}", server.address(),
                    (clock.monotonicNanos() - start) / 1_000_000, (listening - start) / 1_000_000,
                    server.hostKeyFingerprint());
            LOG.info("connect with: sftp -P {} {}@{}", server.address().getPort(), settings.user(),
                    server.address().getAddress().getHostAddress());
            stopRequested.await();
            LOG.info("stopping: closing sessions and flushing the volume");
        } finally {
            if (opening) {
                closeVolume();
            }
        }
        return 0;
    }

    /**
     * Flushes and closes the file system once the server is down, to say so; the layers below it
     * (the encryption, the disk) are closed by the runtime right after. A volume still opening is
     * left to the runtime, which waits for it and closes it.
     */
    private void closeVolume() throws IOException {
        FileSystem files;
        try {
            files = volume.await(Duration.ZERO);
        } catch (IOException notOpen) {
            return;
        }
        files.close();
        LOG.info("volume closed cleanly");
    }

    @Override
    public void stop() {
        stopRequested.countDown();
    }
}

package dev.unikernel.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;

/**
 * The peer for SFTP benchmarks: Apache MINA SSHD's SFTP server with its defaults, serving a host
 * directory, as a user of MINA would set it up. Usage: PORT DIRECTORY AUTHORIZED_KEYS HOST_KEY.
 * Listens on 127.0.0.1 only; runs until killed.
 */
public final class PlainMinaSftpServer {

    private PlainMinaSftpServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: plain-mina-sftp PORT DIRECTORY AUTHORIZED_KEYS HOST_KEY");
            System.exit(2);
        }
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(Integer.parseInt(args[0]));
        server.setFileSystemFactory(new VirtualFileSystemFactory(Path.of(args[1]).toAbsolutePath()));
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(Path.of(args[2])));
        server.setPasswordAuthenticator(null);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(Path.of(args[3])));
        server.setSubsystemFactories(java.util.List.of(new SftpSubsystemFactory()));
        server.start();
        System.out.println("plain MINA SFTP server ready on 127.0.0.1:" + args[0]);
        new CountDownLatch(1).await();
    }
}

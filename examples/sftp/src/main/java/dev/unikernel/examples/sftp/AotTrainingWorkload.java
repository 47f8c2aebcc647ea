package dev.unikernel.examples.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * The client the build runs against the server in its AOT training run ({@code <aotTraining><workload>}
 * in the pom): a server trained on banners only starts with no profile of a transfer, and its first
 * gigabytes run while the JIT catches up. For each of the two ciphers OpenSSH clients use most, it
 * puts a file, gets it back and compares, then lists, stats, renames and removes, with many requests
 * in flight as OpenSSH's sftp keeps them (MINA's streams pipeline up to the channel's window). Used only
 * on the throwaway training disk on 127.0.0.1.
 *
 * <p>Arguments: {@code --port=N --client-key=FILE --host-key=FILE [--mib=N] [--file-mib=N]}: {@code
 * --mib} is what goes each way per cipher (default 64), in rounds over one file of {@code --file-mib}
 * (default 16), which the training disk must hold; the host key is the server's private key file, of
 * which only the public half is compared.
 */
public final class AotTrainingWorkload {

    /**
     * The write and read length OpenSSH's sftp takes from this server's limits@openssh.com extension
     * (9.2's {@code -vvv}: "server upload/download buffer sizes 262144 / 261120; using 261120 / 261120").
     */
    private static final int OPENSSH_LENGTH = SftpServer.MAX_READ_LENGTH;
    /** The length clients without that extension use (older OpenSSH, most others). */
    private static final int CLASSIC_LENGTH = 32 * 1024;
    private static final Duration CONNECT_WITHIN = Duration.ofSeconds(60);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER = "sftp";

    /**
     * The ciphers, each with another key exchange: the one OpenSSH 9.9 and later offer first, and the
     * one OpenSSH 9.0 to 9.8 offer first.
     */
    private record Pass(NamedFactory<Cipher> cipher, BuiltinDHFactories keyExchange) {
    }

    private static final List<Pass> PASSES = List.of(
            new Pass(BuiltinCiphers.aes128gcm, BuiltinDHFactories.mlkem768x25519),
            new Pass(BuiltinCiphers.cc20p1305_openssh, BuiltinDHFactories.sntrup761x25519_openssh));

    private AotTrainingWorkload() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            System.err.println("AotTrainingWorkload: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int port = 0;
        Path clientKeyFile = null;
        Path hostKeyFile = null;
        int mib = 64;
        int fileMib = 16;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(value);
            } else if (arg.startsWith("--client-key=")) {
                clientKeyFile = Path.of(value);
            } else if (arg.startsWith("--host-key=")) {
                hostKeyFile = Path.of(value);
            } else if (arg.startsWith("--mib=")) {
                mib = Integer.parseInt(value);
            } else if (arg.startsWith("--file-mib=")) {
                fileMib = Integer.parseInt(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + " (expected --port=N --client-key=FILE --host-key=FILE [--mib=N] [--file-mib=N])");
            }
        }
        if (port == 0 || clientKeyFile == null || hostKeyFile == null) {
            throw new IllegalArgumentException("needs --port=N --client-key=FILE --host-key=FILE");
        }
        // Before MINA picks its providers: as the server does, and BouncyCastle's provider costs a second.
        JdkCryptoForMina.install();
        KeyPair clientKey = load(clientKeyFile);
        PublicKey hostKey = load(hostKeyFile).getPublic();
        if (mib < 1 || fileMib < 1) {
            throw new IllegalArgumentException("--mib and --file-mib must be at least 1");
        }
        byte[] data = new byte[Math.min(mib, fileMib) * 1024 * 1024];
        new SplittableRandom(port).nextBytes(data);
        int rounds = (mib + fileMib - 1) / fileMib;
        for (Pass pass : PASSES) {
            session(pass, port, clientKey, hostKey, data, rounds);
        }
    }

    private static void session(Pass pass, int port, KeyPair clientKey, PublicKey hostKey, byte[] data, int rounds)
            throws IOException {
        String cipher = pass.cipher().getName();
        SshClient client = ClientBuilder.builder()
                .cipherFactories(List.of(pass.cipher()))
                .keyExchangeFactories(NamedFactory.setUpTransformedFactories(false, List.of(pass.keyExchange()),
                        ClientBuilder.DH2KEX))
                .signatureFactories(List.of(BuiltinSignatures.ed25519))
                .serverKeyVerifier((session, address, key) -> KeyUtils.compareKeys(hostKey, key))
                .build();
        client.start();
        try (ClientSession session = connect(client, port)) {
            session.addPublicKeyIdentity(clientKey);
            try {
                session.auth().verify(STEP_TIMEOUT);
            } catch (IOException e) {
                throw new IOException("cannot log in as " + USER + " with --client-key: " + e.getMessage()
                        + " (is its public half in the authorized_keys file the server was given?)", e);
            }
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                transfer(sftp, cipher, data, rounds);
            }
        } finally {
            client.stop();
        }
    }

    private static ClientSession connect(SshClient client, int port) throws IOException {
        // Without <connectTo> the server may not listen yet: retry until it does.
        long deadline = System.nanoTime() + CONNECT_WITHIN.toNanos();
        while (true) {
            try {
                return client.connect(USER, "127.0.0.1", port).verify(STEP_TIMEOUT).getSession();
            } catch (IOException e) {
                if (!(rootCause(e) instanceof ConnectException) || System.nanoTime() > deadline) {
                    throw new IOException("cannot connect to 127.0.0.1:" + port + ": " + e.getMessage()
                            + " (a host key other than --host-key's is refused)", e);
                }
                sleep();
            }
        }
    }

    private static void transfer(SftpClient sftp, String cipher, byte[] data, int rounds) throws IOException {
        String directory = "/aot-training-" + cipher.replaceAll("[^a-z0-9]", "");
        removeLeftovers(sftp, directory);
        sftp.mkdir(directory);
        String file = directory + "/data";
        // The same file again and again: what the JIT profiles is the traffic, not the disk's space.
        long putNanos = 0;
        long getNanos = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            put(sftp, file, data, OPENSSH_LENGTH);
            long put = System.nanoTime();
            byte[] back = get(sftp, file, data.length, OPENSSH_LENGTH);
            getNanos += System.nanoTime() - put;
            putNanos += put - start;
            check(Arrays.equals(data, back), cipher + ": the file read back differs from the file written");
        }
        // The smaller requests of other clients, on an eighth of the data.
        byte[] small = Arrays.copyOf(data, data.length / 8);
        put(sftp, file + "-32k", small, CLASSIC_LENGTH);
        check(Arrays.equals(small, get(sftp, file + "-32k", small.length, CLASSIC_LENGTH)),
                cipher + ": the file written in 32 KiB requests reads back different");
        List<String> names = new ArrayList<>();
        for (DirEntry entry : sftp.readDir(directory)) {
            names.add(entry.getFilename());
        }
        check(names.containsAll(List.of("data", "data-32k")), cipher + ": the listing of " + directory + " is " + names);
        check(sftp.stat(file).getSize() == data.length, cipher + ": stat gives a size other than " + data.length);
        sftp.rename(file, file + "-renamed");
        sftp.remove(file + "-renamed");
        sftp.remove(file + "-32k");
        sftp.rmdir(directory);
        long bytes = (long) data.length * rounds;
        System.out.printf("%s: put %d MiB at %.0f MiB/s, got it back at %.0f MiB/s, listed, renamed, removed%n", cipher,
                bytes >> 20, mibPerSecond(bytes, putNanos), mibPerSecond(bytes, getNanos));
    }

    /** Writes pipelined: MINA's stream sends each full buffer without waiting for the last one's status. */
    private static void put(SftpClient sftp, String file, byte[] data, int length) throws IOException {
        try (OutputStream out = sftp.write(file, length, OpenMode.Write, OpenMode.Create, OpenMode.Truncate)) {
            for (int offset = 0; offset < data.length; offset += length) {
                out.write(data, offset, Math.min(length, data.length - offset));
            }
        }
    }

    /** Reads pipelined: MINA's stream keeps a window's worth of read requests in flight. */
    private static byte[] get(SftpClient sftp, String file, int size, int length) throws IOException {
        try (InputStream in = sftp.read(file, length)) {
            byte[] back = in.readAllBytes();
            check(back.length == size, "read " + back.length + " bytes of " + file + ", wrote " + size);
            return back;
        }
    }

    /** A training run that failed half-way leaves its files on the training disk, which is kept. */
    private static void removeLeftovers(SftpClient sftp, String directory) throws IOException {
        try {
            sftp.lstat(directory);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return;
            }
            throw e;
        }
        List<String> names = new ArrayList<>();
        for (DirEntry entry : sftp.readDir(directory)) {
            names.add(entry.getFilename());
        }
        for (String name : names) {
            if (!name.equals(".") && !name.equals("..")) {
                sftp.remove(directory + "/" + name);
            }
        }
        sftp.rmdir(directory);
    }

    private static KeyPair load(Path file) throws IOException, GeneralSecurityException {
        KeyPair key = HostKeys.firstKeyPair(file);
        if (key == null) {
            throw new IOException(file + " holds no key");
        }
        return key;
    }

    private static void check(boolean condition, String failure) throws IOException {
        if (!condition) {
            throw new IOException(failure);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the server", e);
        }
    }
}

package dev.unikernel.examples.sftp;

import dev.unikernel.api.TrustedFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The server's ed25519 host key: created (mode 0600, OpenSSH format) when missing, the same ever
 * after. A file that cannot be read, or that others may read or change (as ssh refuses such private
 * keys), stops the server with the reason; it is never replaced, since clients would then see a new
 * host key.
 */
final class HostKeys {

    private static final String COMMENT = "host key";

    private HostKeys() {
    }

    /** Needs {@link JdkCryptoForMina#install()} first. */
    static KeyPair loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("cannot create host key " + file + ": directory " + parent + " does not exist");
        }
        TrustedFiles.checkDirectory(parent, "host key");
        return create(file, parent);
    }

    /** The first key pair in a private key file, OpenSSH or PEM format (as MINA writes and reads them); null if none. */
    static KeyPair firstKeyPair(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in, null);
            Iterator<KeyPair> iterator = keys == null ? null : keys.iterator();
            return iterator != null && iterator.hasNext() ? iterator.next() : null;
        }
    }

    private static KeyPair load(Path file) throws IOException {
        TrustedFiles.checkPrivate(file, "host key");
        KeyPair key;
        try {
            key = firstKeyPair(file);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IOException("host key " + file + " cannot be read: " + e.getMessage()
                    + " (move it away to have a new one created)", e);
        }
        if (key == null) {
            throw new IOException("host key " + file + " holds no key (move it away to have a new one created)");
        }
        String type = KeyUtils.getKeyType(key);
        if (!KeyPairProvider.SSH_ED25519.equals(type)) {
            throw new IOException("host key " + file + " is a " + type + " key; this server's host key is "
                    + KeyPairProvider.SSH_ED25519 + " (move it away to have a new one created)");
        }
        return key;
    }

    /** Written to a private file beside it first, then renamed: the host key file is whole or absent. */
    private static KeyPair create(Path file, Path parent) throws IOException {
        KeyPair key;
        byte[] text;
        try {
            key = KeyPairGenerator.getInstance(JdkEd25519.ALGORITHM).generateKeyPair();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new OpenSSHKeyPairResourceWriter().writePrivateKey(key, COMMENT, null, out);
            text = out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create an ed25519 host key: " + e.getMessage(), e);
        }
        Path directory = parent == null ? Path.of("") : parent;
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, file.getFileName() + ".", ".new", ownerOnly(directory));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(text);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
        } catch (IOException e) {
            throw new IOException("cannot write the new host key to " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(text, (byte) 0);
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
        return key;
    }

    private static FileAttribute<?>[] ownerOnly(Path directory) {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }
}

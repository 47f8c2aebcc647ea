package dev.unikernel.kv;

import dev.unikernel.api.KeyValueStore;
import dev.unikernel.api.ValueInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The regular files below a folder of any {@link java.nio.file.FileSystem} as values, keyed by their
 * path relative to that folder. Symbolic links below the root are treated as absent, whether they
 * point inside or outside it: a key never reaches a file that is not below the root. The root itself
 * may be a link (a deployment that switches {@code site -> releases/42} is followed on every call).
 */
class PathKeyValueStore implements KeyValueStore {

    /** How often info() re-hashes a value that changed while it was being hashed, before giving up. */
    /**
     * Reads of a value that a writer keeps replacing: each replacement makes the reader hash again, a
     * little later each time (1, 2, 3... ms), so that a busy writer on a loaded machine does not fail
     * a reader that would succeed a moment later.
     */
    private static final int HASH_ATTEMPTS = 10;
    private static final int BUFFER = 64 * 1024;

    final Path root;
    final DigestCache digests = new DigestCache();
    private final String description;

    PathKeyValueStore(Path root, String description) {
        this.root = Objects.requireNonNull(root, "root");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public List<String> keys() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "the folder of " + description + " is gone");
        }
        List<String> keys = new ArrayList<>();
        collect(root, "", keys);
        Collections.sort(keys);
        return List.copyOf(keys);
    }

    private void collect(Path folder, String prefix, List<String> keys) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!Keys.isListable(name)) {
                    continue;
                }
                BasicFileAttributes attrs = attributes(entry);
                if (attrs == null) {
                    continue; // removed while we listed
                }
                if (attrs.isDirectory()) {
                    collect(entry, prefix + name + "/", keys);
                } else if (attrs.isRegularFile()) {
                    keys.add(prefix + name);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            if (folder.equals(root)) {
                throw e;
            }
            // a sub-folder removed while we listed: its keys are gone
        }
    }

    @Override
    public Optional<ValueInfo> info(String key) throws IOException {
        Path[] chain = chain(key);
        BasicFileAttributes attrs = regularFile(chain);
        if (attrs == null) {
            digests.forget(key);
            return Optional.empty();
        }
        String digest = digests.lookup(key, attrs);
        if (digest != null) {
            return Optional.of(info(attrs, digest));
        }
        Path file = chain[chain.length - 1];
        for (int attempt = 0; attempt < HASH_ATTEMPTS; attempt++) {
            long start = System.currentTimeMillis();
            Hashed hashed;
            try {
                hashed = hash(file);
            } catch (NoSuchFileException e) {
                digests.forget(key);
                return Optional.empty();
            }
            BasicFileAttributes after = regularFile(chain);
            if (after == null) {
                digests.forget(key);
                return Optional.empty();
            }
            // The digest belongs to these attributes only if nothing changed while we read.
            if (hashed.length == after.size() && sameFile(attrs, after)) {
                digests.remember(key, after, hashed.digest, start);
                return Optional.of(info(after, hashed.digest));
            }
            attrs = after;
            pauseBeforeAttempt(attempt + 1);
        }
        throw new IOException("value '" + key + "' of " + description + " kept changing while it was being hashed");
    }

    @Override
    public byte[] read(String key) throws IOException {
        Path[] chain = chain(key);
        if (regularFile(chain) == null) {
            throw noSuchKey(key);
        }
        try (SeekableByteChannel channel = open(chain[chain.length - 1])) {
            return readFully(channel, key);
        } catch (NoSuchFileException e) {
            throw noSuchKey(key);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    // ---- shared with the writable store ----

    /** The paths from the key's first segment down to its file; an IllegalArgumentException when it is no key. */
    final Path[] chain(String key) {
        List<String> segments = Keys.segments(key);
        Path[] chain = new Path[segments.size()];
        Path path = root;
        try {
            for (int i = 0; i < chain.length; i++) {
                path = path.resolve(segments.get(i));
                chain[i] = path;
            }
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(Keys.invalid(key, "this file system cannot name it: " + e.getReason()), e);
        }
        // Belt and braces: a segment some file system reads as a root or drive (C:) must not escape.
        if (!path.normalize().startsWith(root) || path.getNameCount() != root.getNameCount() + chain.length) {
            throw new IllegalArgumentException(Keys.invalid(key, "it names a file outside " + root));
        }
        return chain;
    }

    /** The file's attributes when every folder on the way is a real folder and it is a regular file; else null. */
    final BasicFileAttributes regularFile(Path[] chain) throws IOException {
        for (int i = 0; i < chain.length - 1; i++) {
            BasicFileAttributes folder = attributes(chain[i]);
            if (folder == null || !folder.isDirectory()) {
                return null;
            }
        }
        BasicFileAttributes attrs = attributes(chain[chain.length - 1]);
        return attrs != null && attrs.isRegularFile() ? attrs : null;
    }

    /** The attributes of {@code path} itself (a link is not followed); null when there is nothing there. */
    static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        }
    }

    final NoSuchFileException noSuchKey(String key) {
        return new NoSuchFileException(key, null, "no such key in " + description);
    }

    // ---- reading and hashing ----

    /** Opens without following a link, should one have replaced the file since we looked. */
    private static SeekableByteChannel open(Path file) throws IOException {
        return Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    private static byte[] readFully(SeekableByteChannel channel, String key) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("value '" + key + "' has " + size + " bytes, too many to read into one array");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading: a channel may return fewer bytes than asked for
        }
        if (buffer.hasRemaining()) {
            return Arrays.copyOf(buffer.array(), buffer.position()); // shrank while we read
        }
        InputStream rest = Channels.newInputStream(channel);
        byte[] more = rest.readAllBytes(); // grew while we read
        if (more.length == 0) {
            return buffer.array();
        }
        byte[] all = Arrays.copyOf(buffer.array(), buffer.capacity() + more.length);
        System.arraycopy(more, 0, all, buffer.capacity(), more.length);
        return all;
    }

    private record Hashed(String digest, long length) {
    }

    private static Hashed hash(Path file) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long length = 0;
        try (SeekableByteChannel channel = open(file)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            int n;
            while ((n = channel.read(buffer.clear())) >= 0) {
                sha256.update(buffer.array(), 0, n);
                length += n;
            }
        }
        return new Hashed(HexFormat.of().formatHex(sha256.digest()), length);
    }

    private static void pauseBeforeAttempt(int attempt) throws IOException {
        try {
            Thread.sleep(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading a value that kept changing");
        }
    }

    private static boolean sameFile(BasicFileAttributes a, BasicFileAttributes b) {
        return a.size() == b.size() && a.lastModifiedTime().equals(b.lastModifiedTime())
                && Objects.equals(a.fileKey(), b.fileKey());
    }

    private static ValueInfo info(BasicFileAttributes attrs, String digest) {
        return new ValueInfo(attrs.size(), attrs.lastModifiedTime().toInstant(), digest);
    }
}

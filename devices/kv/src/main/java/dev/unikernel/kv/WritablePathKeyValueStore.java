package dev.unikernel.kv;

import dev.unikernel.api.WritableKeyValueStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@link PathKeyValueStore} that writes: each value goes to a temporary file in its key's folder,
 * is forced to the device, and then renamed over the key's file, so a reader (or a crash) sees the
 * old value or the new one, never half of one.
 */
final class WritablePathKeyValueStore extends PathKeyValueStore implements WritableKeyValueStore {

    private static final int NAME_ATTEMPTS = 8;

    /** Cleared once the file system refuses ATOMIC_MOVE, so we stop asking it on every write. */
    private volatile boolean atomicMoves = true;

    WritablePathKeyValueStore(Path root, String description) {
        super(root, description);
    }

    @Override
    public void write(String key, byte[] value) throws IOException {
        Objects.requireNonNull(value, "value");
        Path[] chain = chain(key);
        checkWritable(key);
        Path folder = folders(key, chain);
        Path target = chain[chain.length - 1];
        BasicFileAttributes existing = attributes(target);
        if (existing != null && existing.isDirectory()) {
            throw new FileSystemException(key, null, "is a folder of other keys in " + this + ", not a value");
        }
        Path temporary = writeTemporary(folder, value);
        boolean moved = false;
        try {
            move(temporary, target);
            moved = true;
        } finally {
            digests.forget(key);
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
        syncFolder(folder);
    }

    @Override
    public boolean delete(String key) throws IOException {
        Path[] chain = chain(key);
        checkWritable(key);
        try {
            if (regularFile(chain) == null) {
                return false; // missing, a folder, or a link: not a value of this store
            }
            Files.delete(chain[chain.length - 1]);
            return true;
        } catch (NoSuchFileException e) {
            return false; // deleted meanwhile
        } finally {
            digests.forget(key);
        }
    }

    private void checkWritable(String key) throws FileSystemException {
        if (root.getFileSystem().isReadOnly()) {
            throw new FileSystemException(key, null, "cannot change it: " + this + " is on a read-only file system");
        }
    }

    /** The key's folder, creating missing folders one by one so that none is reached through a link. */
    private Path folders(String key, Path[] chain) throws IOException {
        Path folder = root;
        for (int i = 0; i < chain.length - 1; i++) {
            folder = chain[i];
            BasicFileAttributes attrs = attributes(folder);
            if (attrs == null) {
                try {
                    Files.createDirectory(folder);
                } catch (FileAlreadyExistsException e) {
                    // another write created it meanwhile: checked below
                }
                attrs = attributes(folder);
            }
            if (attrs == null || !attrs.isDirectory()) {
                throw new FileSystemException(key, null, "'" + root.relativize(folder)
                        + "' in " + this + " is a value or a link, not a folder");
            }
        }
        return folder;
    }

    /** A new file holding {@code value}, forced to the device when the file system can. */
    private static Path writeTemporary(Path folder, byte[] value) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temporary = folder.resolve(Keys.TEMPORARY_PREFIX
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
            SeekableByteChannel channel;
            try {
                channel = Files.newByteChannel(temporary, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                if (attempt + 1 < NAME_ATTEMPTS) {
                    continue;
                }
                throw e;
            }
            try (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(value);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (channel instanceof FileChannel file) {
                    file.force(true); // the bytes must be durable before the rename makes them the value
                }
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            return temporary;
        }
    }

    private void move(Path temporary, Path target) throws IOException {
        if (atomicMoves) {
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (AtomicMoveNotSupportedException | UnsupportedOperationException e) {
                atomicMoves = false;
            }
        }
        // The FAT16 provider accepts ATOMIC_MOVE (its rename is crash-safe); this is for file systems that do not.
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** On POSIX a rename is durable only once its folder is forced; other file systems cannot open a folder. */
    private void syncFolder(Path folder) {
        if (folder.getFileSystem() != FileSystems.getDefault()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder; its rename is durable by itself there.
        }
    }
}

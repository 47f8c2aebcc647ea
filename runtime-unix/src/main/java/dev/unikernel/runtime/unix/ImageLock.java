package dev.unikernel.runtime.unix;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;

/**
 * One writer per disk image: a kernel lock on the whole image, taken when it opens and held until
 * its channel closes. A writer takes it exclusive, a reader shared, so readers share an image and a
 * writer has it alone. It is a POSIX record lock ({@code fcntl}, what {@link FileChannel#tryLock}
 * takes on Linux), which conflicts with the OFD locks qemu takes on its images, so a server, the
 * disk tool and {@code run-qemu} see each other; {@code flock(1)} locks are another kind, which
 * neither sees. The kernel drops it when its process dies, so a killed server never blocks the next
 * start, and nothing is left on disk.
 */
final class ImageLock {

    private ImageLock() {
    }

    /** Locks {@code channel}'s whole file, or fails at once naming the image and, where it can, its holder. */
    static FileLock take(FileChannel channel, Path image, boolean readOnly) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock(0, Long.MAX_VALUE, readOnly);
        } catch (OverlappingFileLockException e) {
            throw new ImageInUseException("disk image " + image + " is already open in this process: open it once");
        }
        if (lock == null) {
            String holder = LockHolders.describe(image);
            throw new ImageInUseException("disk image " + image + " is in use by "
                    + (holder.isEmpty() ? "another program" : holder)
                    + (readOnly ? ", which writes it: stop it to read the image"
                            : ": stop it first (two programs writing one image corrupt it)"));
        }
        return lock;
    }
}

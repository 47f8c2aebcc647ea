package dev.unikernel.runtime.unix;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A {@link BlockDevice} over a host file (a disk image, or a block device node such as
 * {@code /dev/vda}): positional FileChannel I/O, {@code force} as the flush barrier. The file's size
 * must be a whole number of sectors. The image is locked while it is open ({@link ImageLock}: one
 * writer, or any number of readers); a new image is created 0600.
 */
public final class FileBlockDevice implements BlockDevice {

    /** The sector size used when the caller does not choose one. */
    public static final int DEFAULT_SECTOR_SIZE = 512;

    /** A new image holds data only its owner may read: 0600 from the start, not chmod'ed after. */
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path path;
    private final FileChannel channel;
    private final int sectorSize;
    private final long sectorCount;
    private final boolean readOnly;
    private final boolean isNew;
    private final WriteBehind writeBehind;

    private FileBlockDevice(Path path, FileChannel channel, int sectorSize, long sectorCount, boolean readOnly,
            boolean isNew) {
        this.path = path;
        this.isNew = isNew;
        this.channel = channel;
        this.sectorSize = sectorSize;
        this.sectorCount = sectorCount;
        this.readOnly = readOnly;
        this.writeBehind = readOnly ? null : new WriteBehind(channel, path);
    }

    /** Opens an existing image with 512-byte sectors. */
    public static FileBlockDevice open(Path path, boolean readOnly) throws IOException {
        return open(path, readOnly, DEFAULT_SECTOR_SIZE);
    }

    /**
     * Opens an existing image; a missing, empty or misaligned file is an IOException naming it, an
     * image another program holds an {@link ImageInUseException}.
     */
    public static FileBlockDevice open(Path path, boolean readOnly, int sectorSize) throws IOException {
        return open(path, readOnly, sectorSize, false);
    }

    /**
     * As {@link #open(Path, boolean, int)}; {@code isNew} says the image holds nothing to keep (the
     * user asked to format it when blank: {@link BlockDevice#isNew}).
     */
    public static FileBlockDevice open(Path path, boolean readOnly, int sectorSize, boolean isNew) throws IOException {
        checkSectorSize(sectorSize);
        Set<StandardOpenOption> options = readOnly
                ? EnumSet.of(StandardOpenOption.READ)
                : EnumSet.of(StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, options);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "disk image does not exist");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(path.toString(), null,
                    readOnly ? "no permission to read the disk image" : "no permission to read and write the disk image");
        }
        try {
            ImageLock.take(channel, path, readOnly);
            long size = Files.isRegularFile(path) ? channel.size() : deviceSize(channel);
            if (size == 0) {
                throw new IOException(path + ": disk image is empty");
            }
            if (size % sectorSize != 0) {
                throw new IOException(path + ": disk image size " + size + " is not a multiple of the "
                        + sectorSize + "-byte sector size (truncated or not a disk image?)");
            }
            return new FileBlockDevice(path, channel, sectorSize, size / sectorSize, readOnly, isNew);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Creates a new sparse image of {@code bytes} bytes (a whole number of sectors), mode 0600, and
     * opens it read-write; it is {@linkplain #isNew new}. An existing file is never overwritten.
     */
    public static FileBlockDevice create(Path path, long bytes, int sectorSize) throws IOException {
        checkSectorSize(sectorSize);
        if (bytes <= 0 || bytes % sectorSize != 0) {
            throw new IllegalArgumentException("image size " + bytes + " must be a positive multiple of " + sectorSize);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(path.toString(), null, "disk image already exists");
        }
        // Locked before it has a size, on the channel that created it: no other opener sees it unlocked.
        try {
            ImageLock.take(channel, path, false);
            channel.write(ByteBuffer.allocate(1), bytes - 1);
            channel.force(true);
            return new FileBlockDevice(path, channel, sectorSize, bytes / sectorSize, false, true);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    /** True when this start created the image, or was told it holds nothing to keep. */
    @Override
    public boolean isNew() {
        return isNew;
    }

    @Override
    public long sectorCount() {
        return sectorCount;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void read(long sector, ByteBuffer dst) throws IOException {
        BlockDevice.checkTransfer(this, sector, dst);
        long position = sector * sectorSize;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position);
            if (n < 0) {
                throw new IOException(path + ": unexpected end of disk image at byte " + position);
            }
            position += n;
        }
    }

    @Override
    public void write(long sector, ByteBuffer src) throws IOException {
        if (readOnly) {
            throw new IOException(path + ": disk image is open read-only");
        }
        BlockDevice.checkTransfer(this, sector, src);
        long position = sector * sectorSize;
        int bytes = src.remaining();
        while (src.hasRemaining()) {
            position += channel.write(src, position);
        }
        writeBehind.written(bytes);
    }

    @Override
    public void flush() throws IOException {
        if (!readOnly) {
            writeBehind.flushed();
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            flush();
        } finally {
            if (writeBehind != null) {
                writeBehind.close();
            }
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "FileBlockDevice[" + path + ", " + sectorCount + " x " + sectorSize + " bytes" + (readOnly ? ", read-only" : "") + "]";
    }

    private static long deviceSize(FileChannel channel) throws IOException {
        // Block device nodes (/dev/vda) report size 0; their end is found by probing reads.
        long size = channel.size();
        return size > 0 ? size : endBySeek(channel);
    }

    private static long endBySeek(FileChannel channel) throws IOException {
        long low = 0;
        long high = 1L << 50;
        ByteBuffer probe = ByteBuffer.allocate(1);
        while (low < high) {
            long mid = (low + high + 1) >>> 1;
            probe.clear();
            if (channel.read(probe, mid - 1) > 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static void checkSectorSize(int sectorSize) {
        if (sectorSize < 512 || sectorSize > 65536 || Integer.bitCount(sectorSize) != 1) {
            throw new IllegalArgumentException("sector size must be a power of two from 512 to 65536: " + sectorSize);
        }
    }
}

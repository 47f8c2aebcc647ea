package dev.unikernel.api;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A device of fixed-size sectors: the storage contract every target implements (a host file on unix,
 * the virtio disk on vm, a volume file on oci) and every storage library decorates (LUKS2) or
 * consumes (FAT16). Modelled on mirage's {@code Mirage_block.S}: info, read, write, flush, close.
 *
 * <p>Reads and writes move whole sectors: the buffer's remaining bytes must be a multiple of
 * {@link #sectorSize()}. Implementations are safe for concurrent use by several threads.
 */
@Device("disk")
public interface BlockDevice extends Closeable {

    /** Bytes per sector: 512 or 4096 in practice. */
    int sectorSize();

    /** Number of sectors on the device. */
    long sectorCount();

    /** True when {@link #write} is refused. */
    boolean isReadOnly();

    /** Reads {@code dst.remaining()} bytes (whole sectors) starting at {@code sector}; advances dst's position. */
    void read(long sector, ByteBuffer dst) throws IOException;

    /** Writes {@code src.remaining()} bytes (whole sectors) starting at {@code sector}; advances src's position. */
    void write(long sector, ByteBuffer src) throws IOException;

    /** The durability barrier: every write that returned before this call is on stable storage when it returns. */
    void flush() throws IOException;

    /** Flushes and releases the device; later calls fail. */
    @Override
    void close() throws IOException;

    /**
     * True when the device holds nothing anyone could want back: this start created it (a new image
     * file, a RAM disk, a LUKS2 volume just formatted), or the user said so (the {@code format-blank}
     * key of the file and virtio providers). Providers format a blank device only when it is new
     * ({@link BlankDevice#requireNew}): an existing device that reads as zeros may be a volume whose
     * header was lost, which a header backup brings back.
     */
    default boolean isNew() {
        return false;
    }

    /** Size of the device in bytes. */
    default long sizeInBytes() {
        return sectorCount() * sectorSize();
    }

    /**
     * Checks that a transfer of {@code buffer.remaining()} bytes at {@code sector} is whole sectors and
     * inside the device. Misaligned lengths are a programming error; a range outside the device is an
     * I/O error, because corrupt metadata on disk is the usual cause.
     */
    static void checkTransfer(BlockDevice device, long sector, ByteBuffer buffer) throws IOException {
        int length = buffer.remaining();
        if (length % device.sectorSize() != 0) {
            throw new IllegalArgumentException("transfer of " + length + " bytes is not a whole number of "
                    + device.sectorSize() + "-byte sectors");
        }
        long sectors = length / device.sectorSize();
        if (sector < 0 || sector > device.sectorCount() - sectors) {
            throw new EOFException("sectors " + sector + ".." + (sector + sectors - 1)
                    + " are outside the device of " + device.sectorCount() + " sectors");
        }
    }
}

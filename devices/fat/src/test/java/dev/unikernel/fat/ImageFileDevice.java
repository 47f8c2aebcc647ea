package dev.unikernel.fat;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A disk image file as a BlockDevice, for interop tests (the module itself depends only on the api). */
final class ImageFileDevice implements BlockDevice {

    private final FileChannel channel;
    private final int sectorSize;
    private final long sectorCount;

    ImageFileDevice(Path image, int sectorSize) throws IOException {
        this.channel = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.sectorSize = sectorSize;
        this.sectorCount = channel.size() / sectorSize;
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public long sectorCount() {
        return sectorCount;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public void read(long sector, ByteBuffer dst) throws IOException {
        BlockDevice.checkTransfer(this, sector, dst);
        long pos = sector * sectorSize;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw new IOException("unexpected end of image at byte " + pos);
            }
            pos += n;
        }
    }

    @Override
    public void write(long sector, ByteBuffer src) throws IOException {
        BlockDevice.checkTransfer(this, sector, src);
        long pos = sector * sectorSize;
        while (src.hasRemaining()) {
            pos += channel.write(src, pos);
        }
    }

    @Override
    public void flush() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static Path create(Path image, long bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), bytes - 1);
        }
        return image;
    }
}

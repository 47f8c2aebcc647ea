package dev.unikernel.fat;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;

/** The volume's space figures, from the in-memory free count (no FAT scan). */
final class FatFileStore extends FileStore {

    private final Volume volume;

    FatFileStore(Volume volume) {
        this.volume = volume;
    }

    @Override
    public String name() {
        return volume.boot.label().strip();
    }

    @Override
    public String type() {
        return volume.boot.type().storeType();
    }

    @Override
    public boolean isReadOnly() {
        return volume.readOnly;
    }

    @Override
    public long getTotalSpace() {
        return (long) volume.fat.clusterCount() * volume.clusterBytes;
    }

    @Override
    public long getUsableSpace() throws IOException {
        return getUnallocatedSpace();
    }

    @Override
    public long getUnallocatedSpace() throws IOException {
        volume.lock.readLock().lock();
        try {
            volume.checkOpen();
            return volume.freeClusters() * volume.clusterBytes;
        } finally {
            volume.lock.readLock().unlock();
        }
    }

    @Override
    public long getBlockSize() {
        return volume.clusterBytes;
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type == BasicFileAttributeView.class || type == DosFileAttributeView.class
                || type == PosixFileAttributeView.class || type == FileOwnerAttributeView.class;
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return FatFileSystem.VIEWS.contains(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return null;
    }

    @Override
    public Object getAttribute(String attribute) throws IOException {
        return switch (attribute) {
            case "totalSpace" -> getTotalSpace();
            case "usableSpace" -> getUsableSpace();
            case "unallocatedSpace" -> getUnallocatedSpace();
            case "blockSize" -> getBlockSize();
            default -> throw new UnsupportedOperationException("file store attribute '" + attribute + "' is not supported");
        };
    }

    @Override
    public String toString() {
        return name() + " (fat16)";
    }
}

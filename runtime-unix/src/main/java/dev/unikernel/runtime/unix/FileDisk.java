package dev.unikernel.runtime.unix;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.Disk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@link Disk} that is a host file (a disk image) or a block device node. */
public final class FileDisk implements Disk {

    private final Path path;
    private final int sectorSize;

    public FileDisk(Path path) {
        this(path, FileBlockDevice.DEFAULT_SECTOR_SIZE);
    }

    public FileDisk(Path path, int sectorSize) {
        this.path = path;
        this.sectorSize = sectorSize;
    }

    @Override
    public boolean exists() {
        return Files.exists(path);
    }

    @Override
    public BlockDevice open(boolean readOnly) throws IOException {
        return FileBlockDevice.open(path, readOnly, sectorSize);
    }

    @Override
    public BlockDevice create(long bytes) throws IOException {
        long rounded = (bytes + sectorSize - 1) / sectorSize * sectorSize;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("cannot create disk image " + path + ": directory " + parent + " does not exist");
        }
        return FileBlockDevice.create(path, rounded, sectorSize);
    }

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public String toString() {
        return "FileDisk[" + path + "]";
    }
}

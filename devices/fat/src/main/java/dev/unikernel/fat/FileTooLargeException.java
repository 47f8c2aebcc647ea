package dev.unikernel.fat;

import java.nio.file.FileSystemException;

/**
 * A write would make a file larger than FAT allows: the directory entry holds a file's size in 32
 * bits, so 4 GiB - 1 byte (4294967295) on FAT16 and FAT32 alike (the EFBIG of this file system). A
 * request, not a problem of the volume, which is left untouched; a distinct type so that servers can
 * answer with their protocol's status: "file too large" where the write runs past the limit, "invalid
 * argument" where it starts beyond it (an offset near 2^63 among them).
 */
public final class FileTooLargeException extends FileSystemException {

    private static final long serialVersionUID = 1L;

    private final boolean startsPastLimit;

    FileTooLargeException(String file, long position, int length) {
        super(file, null, "file too large: FAT32 and FAT16 files are limited to 4 GiB - 1 byte ("
                + FileContent.MAX_FILE_SIZE + " bytes); writing " + length + " bytes at offset " + position
                + " goes past the file size limit and would make it "
                + (position > Long.MAX_VALUE - length ? "more than " + Long.MAX_VALUE : position + length)
                + " bytes (split the file, or keep it on another file system)");
        this.startsPastLimit = position > FileContent.MAX_FILE_SIZE;
    }

    /** True when the write begins beyond the largest file's end: a bad offset rather than a file grown too far. */
    public boolean startsPastLimit() {
        return startsPastLimit;
    }
}

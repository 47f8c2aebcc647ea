package dev.unikernel.fat;

import java.nio.file.FileSystemException;

/**
 * A write or truncate would make a file larger than FAT allows: the directory entry holds a file's
 * size in 32 bits, so 4 GiB - 1 byte (4294967295) on FAT16 and FAT32 alike (the EFBIG of this file
 * system). A distinct type so that servers can answer with their protocol's "file too large" status.
 */
public final class FileTooLargeException extends FileSystemException {

    private static final long serialVersionUID = 1L;

    FileTooLargeException(String file, long requestedSize) {
        super(file, null, "file too large: FAT32 and FAT16 files are limited to 4 GiB - 1 byte ("
                + FileContent.MAX_FILE_SIZE + " bytes); this would make it " + requestedSize
                + " bytes (split the file, or keep it on another file system)");
    }
}

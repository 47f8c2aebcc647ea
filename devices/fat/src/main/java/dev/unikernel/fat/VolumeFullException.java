package dev.unikernel.fat;

import java.nio.file.FileSystemException;

/**
 * A write, create or mkdir needed a cluster and the FAT volume has none free (the ENOSPC of this
 * file system). A distinct type so that servers can answer with their protocol's "no space" status.
 */
public final class VolumeFullException extends FileSystemException {

    private static final long serialVersionUID = 1L;

    VolumeFullException() {
        super(null, null, "no space left on the FAT volume");
    }
}

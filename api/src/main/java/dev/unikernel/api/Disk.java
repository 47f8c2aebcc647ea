package dev.unikernel.api;

import java.io.IOException;

/**
 * A block device the application may have to create before first use: a disk image file on unix
 * and oci, the virtio disk on vm (which the VMM sizes, so it always exists there). Ask for a
 * {@link BlockDevice} instead when the device must already exist.
 */
@Device("disk")
public interface Disk {

    /** True when the device exists and can be opened. */
    boolean exists() throws IOException;

    /** Opens the existing device; a missing one is an IOException naming it. */
    BlockDevice open(boolean readOnly) throws IOException;

    /**
     * Creates the device with {@code bytes} bytes (rounded up to whole sectors) and opens it
     * read-write. Never overwrites an existing device; where the target cannot create devices it
     * says so in the exception.
     */
    BlockDevice create(long bytes) throws IOException;

    /** Where the device lives, for messages: a path such as {@code /srv/disk.img} or {@code /dev/vda}. */
    String location();
}

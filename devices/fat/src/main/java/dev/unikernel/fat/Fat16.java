package dev.unikernel.fat;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.file.FileSystem;

/**
 * FAT16 and FAT32 on a {@link BlockDevice}: format it, mount it as a {@link FileSystem}, check it. (The
 * class keeps the name it had before FAT32; {@link FormatOptions#withFatType} and the volume's size
 * choose the type.)
 *
 * <pre>{@code
 * Fat16.format(device, FormatOptions.defaults().withLabel("DATA"));
 * try (FileSystem fs = Fat16.mount(device)) {
 *     Files.writeString(fs.getPath("/hello.txt"), "hi");
 * }   // flushed and marked clean; the device stays open: its owner closes it
 * }</pre>
 *
 * The file system is safe for many threads. Several users of one volume (for instance one SFTP
 * session each) should each get a {@link #sessionView} so that closing theirs leaves the volume mounted.
 */
public final class Fat16 {

    private Fat16() {
    }

    /** Writes an empty FAT16 or FAT32 file system over the whole device (FAT32 above 2 GiB unless forced). */
    public static FormatResult format(BlockDevice device, FormatOptions options) throws IOException {
        return Formatter.format(device, options);
    }

    /** Mounts the device read-write (read-only if the device is). */
    public static FileSystem mount(BlockDevice device) throws IOException {
        return mount(device, false);
    }

    /**
     * Mounts the device, FAT16 or FAT32 as the volume's cluster count says. A FAT12, exFAT or damaged
     * volume is refused with an IOException saying
     * why. Read-write mounts set the volume's dirty bit until {@link FileSystem#close()}.
     */
    public static FileSystem mount(BlockDevice device, boolean readOnly) throws IOException {
        return FatFileSystemProvider.INSTANCE.mount(device, readOnly, null);
    }

    /**
     * Another file system on the volume of {@code fs} (which {@link #mount} returned): same files, its
     * own paths and open channels; closing it closes only those channels. Closing {@code fs} closes
     * every view.
     */
    public static FileSystem sessionView(FileSystem fs) {
        if (!(fs instanceof FatFileSystem fat)) {
            throw new IllegalArgumentException("not a FAT file system: " + fs);
        }
        return fat.newView();
    }

    /** Checks an unmounted volume without writing to it. */
    public static CheckReport check(BlockDevice device) throws IOException {
        return VolumeChecker.check(device);
    }
}

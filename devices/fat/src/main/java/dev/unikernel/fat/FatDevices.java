package dev.unikernel.fat;

import dev.unikernel.api.BlankDevice;
import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.Key;
import dev.unikernel.api.Provider;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystem;

/**
 * The {@code fat} provider: the FAT16 or FAT32 file system of a block device, formatted first when the
 * device is blank (FAT16 up to 2 GiB, FAT32 above). Closing it flushes the volume and marks it clean;
 * the block device stays open.
 */
public final class FatDevices {

    private static final System.Logger LOG = System.getLogger(FatDevices.class.getName());
    private static final String LABEL = "UNIKERNEL";

    private FatDevices() {
    }

    /**
     * Mounts {@code disk}; a blank disk that is new (created by this start, or given format-blank) is
     * formatted first (FAT32 where FAT16 cannot hold it) unless the mount or the disk is read-only.
     */
    @Provider(value = "fat", doc = "FAT16/FAT32 file system on a block device; a new blank device is formatted (FAT32 above 2 GiB)")
    public static FileSystem fat(BlockDevice disk,
            @Key(name = "read-only", doc = "mount the file system read-only", defaultValue = "false") boolean readOnly)
            throws IOException {
        if (!readOnly && !disk.isReadOnly() && BlankDevice.isBlank(disk)) {
            BlankDevice.requireNew(disk, "FAT16");
            long start = System.nanoTime();
            FormatResult result = Fat16.format(disk, FormatOptions.defaults().withLabel(LABEL));
            disk.flush();
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.log(Level.INFO, () -> "formatted " + disk + " as " + result.type() + " in " + millis + " ms");
            result.warnings().forEach(warning -> LOG.log(Level.WARNING, warning));
        }
        try {
            return Fat16.mount(disk, readOnly);
        } catch (IOException e) {
            throw new IOException("block device " + disk + " holds no usable FAT16 or FAT32 file system: " + e.getMessage(), e);
        }
    }
}

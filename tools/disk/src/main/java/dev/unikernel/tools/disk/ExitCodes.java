package dev.unikernel.tools.disk;

import dev.unikernel.luks.WrongPassphraseException;
import dev.unikernel.runtime.unix.ImageInUseException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;

/**
 * The tool's exit statuses: 0 to 5 mean what they mean for cryptsetup; 6 and 7 are the tool's own.
 * docs/disk.md has the table.
 */
final class ExitCodes {

    static final int OK = 0;
    /** Wrong parameters: unknown option, missing argument, bad value (cryptsetup: 1). */
    static final int USAGE = 1;
    /** No permission: wrong passphrase, or the OS refused access (cryptsetup: 2). */
    static final int NO_PERMISSION = 2;
    /** Out of memory (cryptsetup: 3). */
    static final int OUT_OF_MEMORY = 3;
    /** Wrong device: the image is missing, or is not a FAT / LUKS2 image (cryptsetup: 4). */
    static final int WRONG_DEVICE = 4;
    /** Already exists (a file without --force, an image for --size) or busy (cryptsetup: 5). */
    static final int EXISTS = 5;
    /** {@code check} found the volume not clean. */
    static final int UNCLEAN = 6;
    /** Any other failure: a path missing inside the image, directory not empty, I/O error, volume full. */
    static final int FAILED = 7;

    private ExitCodes() {
    }

    static int of(Throwable e) {
        return switch (e) {
            case UsageException u -> USAGE;
            case WrongPassphraseException w -> NO_PERMISSION;
            case AccessDeniedException a -> NO_PERMISSION;
            case OutOfMemoryError o -> OUT_OF_MEMORY;
            case WrongImageException w -> WRONG_DEVICE;
            case FileAlreadyExistsException f -> EXISTS;
            case ImageInUseException i -> EXISTS;
            default -> FAILED;
        };
    }
}

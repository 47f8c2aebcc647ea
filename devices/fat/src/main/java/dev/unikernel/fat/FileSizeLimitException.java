package dev.unikernel.fat;

import java.io.IOException;

/**
 * A write that would take a file past what FAT can hold (4 GiB - 1 byte): a bad request, not a
 * problem of the volume, which is left untouched. Servers answer it as an invalid argument.
 */
public final class FileSizeLimitException extends IOException {

    private static final long serialVersionUID = 1L;

    FileSizeLimitException(String message) {
        super(message);
    }
}

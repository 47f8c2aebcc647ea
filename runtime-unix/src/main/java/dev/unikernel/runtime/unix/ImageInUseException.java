package dev.unikernel.runtime.unix;

import java.io.IOException;

/** A disk image another opener holds: two programs writing one image would corrupt it. */
public final class ImageInUseException extends IOException {

    public ImageInUseException(String message) {
        super(message);
    }
}

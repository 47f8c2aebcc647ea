package dev.unikernel.tools.disk;

import java.io.IOException;

/** The image named on the command line is missing or is not what the command needs: exit status 4. */
final class WrongImageException extends IOException {

    WrongImageException(String message, Throwable cause) {
        super(message, cause);
    }
}

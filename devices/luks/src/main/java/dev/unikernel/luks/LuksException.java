package dev.unikernel.luks;

import java.io.IOException;

/**
 * A LUKS header we cannot use: not LUKS, corrupt or truncated, or a feature we do not support
 * (another cipher, integrity protection, a reencryption in progress). The message says which, and
 * never contains a passphrase or key.
 */
public class LuksException extends IOException {

    private static final long serialVersionUID = 1L;

    public LuksException(String message) {
        super(message);
    }

    public LuksException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.unikernel.luks;

/** No keyslot opens with the given passphrase. The message names no secret. */
public final class WrongPassphraseException extends LuksException {

    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message) {
        super(message);
    }
}

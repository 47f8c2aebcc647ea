package dev.unikernel.engine;

/** The application asks for a device the chosen target does not provide. */
public final class MissingDeviceException extends UnikernelException {

    public MissingDeviceException(String message) {
        super(message);
    }
}

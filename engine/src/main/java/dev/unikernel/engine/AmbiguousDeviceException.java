package dev.unikernel.engine;

/** Several providers fit a device and the configuration chooses none of them. */
public final class AmbiguousDeviceException extends UnikernelException {
    public AmbiguousDeviceException(String message) {
        super(message);
    }
}

package dev.unikernel.engine;

/** A device stack gives a provider a device of a contract other than the one it needs. */
public final class TypeMismatchException extends UnikernelException {
    public TypeMismatchException(String message) {
        super(message);
    }
}

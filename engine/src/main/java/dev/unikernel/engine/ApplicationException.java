package dev.unikernel.engine;

/** The application's entry class cannot be used: not found, not an Application, or a bad constructor. */
public final class ApplicationException extends UnikernelException {

    public ApplicationException(String message) {
        super(message);
    }

    public ApplicationException(String message, Throwable cause) {
        super(message, cause);
    }
}

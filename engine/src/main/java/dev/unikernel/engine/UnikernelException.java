package dev.unikernel.engine;

/**
 * A problem the user can fix, with a message that says what is wrong and what to change. Mojos turn
 * these into build failures with the message as it is.
 */
public class UnikernelException extends Exception {

    public UnikernelException(String message) {
        super(message);
    }

    public UnikernelException(String message, Throwable cause) {
        super(message, cause);
    }
}

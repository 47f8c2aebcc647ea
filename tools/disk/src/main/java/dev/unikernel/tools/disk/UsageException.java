package dev.unikernel.tools.disk;

/** The command line is wrong in a way picocli cannot see: the message says how; exit status 1. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}

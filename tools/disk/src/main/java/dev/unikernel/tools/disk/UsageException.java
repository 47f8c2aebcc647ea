package dev.unikernel.tools.disk;

/** The command line is wrong: the message says how, and the tool exits with status 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}

package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Passphrases as cryptsetup reads them: every byte of the key file (a trailing newline included),
 * {@code -} for standard input, and without a key file a prompt without echo on a terminal. Never a
 * command-line value.
 */
final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * The passphrase in {@code file} ({@code option} names the option, for messages); without a
     * file, asks on the terminal ({@code confirm}: twice, for a new passphrase).
     */
    static Secret read(String file, String option, String prompt, boolean confirm, Io io, String command)
            throws IOException, UsageException {
        if (file == null) {
            return prompt(option, prompt, confirm, io);
        }
        byte[] bytes;
        String origin;
        if (file.equals("-")) {
            bytes = io.in().readAllBytes();
            origin = "standard input";
        } else {
            try {
                bytes = Files.readAllBytes(Path.of(file));
            } catch (NoSuchFileException e) {
                throw new UsageException("the key file " + file + " (" + option + ") does not exist");
            }
            origin = "file " + file;
        }
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\n') {
            io.warn(command, "the key file " + (file.equals("-") ? "on standard input" : file) + " ends with a newline,"
                    + " which is part of the passphrase (cryptsetup --key-file keeps it too)");
        }
        return Secret.of(bytes, origin);
    }

    private static Secret prompt(String option, String prompt, boolean confirm, Io io) throws UsageException {
        if (io.console() == null) {
            throw new UsageException("give the passphrase with " + option + " FILE (or - for standard input);"
                    + " it is asked for only on a terminal, never taken from the command line");
        }
        char[] typed = io.console().readPassword("%s: ", prompt);
        if (typed == null) {
            throw new UsageException("no passphrase was entered");
        }
        try {
            if (confirm) {
                char[] again = io.console().readPassword("Verify passphrase: ");
                boolean same = again != null && Arrays.equals(typed, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    throw new UsageException("the passphrases do not match");
                }
            }
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(typed));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            Arrays.fill(encoded.array(), (byte) 0);
            return Secret.of(bytes, "the terminal");
        } finally {
            Arrays.fill(typed, '\0');
        }
    }
}

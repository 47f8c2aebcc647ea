package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import java.io.IOException;
import picocli.CommandLine.Option;

/**
 * The second passphrase of add-key and change-key, as cryptsetup takes it: a positional key file
 * (the command's NEW_KEY_FILE) or {@code --new-keyfile}; asked for (twice) on a terminal when neither is given.
 */
final class NewKeyOptions {

    @Option(names = "--new-keyfile", paramLabel = "FILE",
            description = "The same as NEW_KEY_FILE, as cryptsetup also takes it.")
    String option;

    /** The earlier name of this option: still accepted, no longer shown. */
    @Option(names = "--new-passphrase-file", hidden = true, paramLabel = "FILE")
    void deprecatedOption(String file) {
        option = file;
    }

    Secret passphrase(String positional, String currentKeyFile, Io io, String command) throws IOException, UsageException {
        if (positional != null && option != null) {
            throw new UsageException("give the new key file once: NEW_KEY_FILE or --new-keyfile, not both");
        }
        String file = positional != null ? positional : option;
        if ("-".equals(file) && "-".equals(currentKeyFile)) {
            throw new UsageException("standard input cannot hold both the current and the new passphrase");
        }
        return KeyFiles.read(file, "--new-keyfile", "Enter new passphrase", true, io, command);
    }
}

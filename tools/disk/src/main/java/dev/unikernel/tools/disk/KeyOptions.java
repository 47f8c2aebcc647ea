package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import java.io.IOException;
import picocli.CommandLine.Option;

/** The passphrase that opens a LUKS2 image, named as cryptsetup names it. */
final class KeyOptions {

    @Option(names = {"-d", "--key-file"}, paramLabel = "FILE",
            description = "Read the passphrase from FILE, every byte (a trailing newline included), as cryptsetup does;"
                    + " - is standard input. Without it the passphrase is asked for on a terminal.")
    String keyFile;

    /** The earlier name of this option: still accepted, no longer shown. */
    @Option(names = "--passphrase-file", hidden = true, paramLabel = "FILE")
    void deprecatedKeyFile(String file) {
        keyFile = file;
    }

    @Option(names = {"-S", "--key-slot"}, paramLabel = "N",
            description = "Use only keyslot N.")
    Integer keySlot;

    /** The earlier name of --key-slot: still accepted, no longer shown. */
    @Option(names = "--slot", hidden = true, paramLabel = "N")
    void deprecatedKeySlot(int slot) {
        keySlot = slot;
    }

    Secret passphrase(String image, Io io, String command) throws IOException, UsageException {
        return KeyFiles.read(keyFile, "--key-file", "Enter passphrase for " + image, false, io, command);
    }
}

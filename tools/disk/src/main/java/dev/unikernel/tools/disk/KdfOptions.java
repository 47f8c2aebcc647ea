package dev.unikernel.tools.disk;

import dev.unikernel.luks.LuksKdf;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --pbkdf} and {@code --iter-time}, as cryptsetup names them, for the commands that make a keyslot. */
final class KdfOptions {

    enum Pbkdf { argon2id, pbkdf2 }

    @Option(names = "--pbkdf", paramLabel = "argon2id|pbkdf2", defaultValue = "argon2id",
            description = "Key derivation function of a new keyslot (default: ${DEFAULT-VALUE}).")
    Pbkdf pbkdf;

    @Option(names = {"-i", "--iter-time"}, paramLabel = "MS", defaultValue = "2000",
            description = "Milliseconds the key derivation should take here (default: ${DEFAULT-VALUE}).")
    long iterTime;

    LuksKdf kdf() throws UsageException {
        try {
            Duration time = Duration.ofMillis(iterTime);
            return pbkdf == Pbkdf.pbkdf2 ? LuksKdf.pbkdf2(time) : LuksKdf.argon2id(time);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

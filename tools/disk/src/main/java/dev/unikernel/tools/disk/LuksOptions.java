package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import dev.unikernel.luks.Luks;
import dev.unikernel.luks.LuksDevice;
import dev.unikernel.luks.LuksKdf;
import dev.unikernel.runtime.unix.FileBlockDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The LUKS options the luks-* commands and {@code --luks} share: passphrases come from files
 * (never from a command-line value), KDF choice from {@code --pbkdf} and {@code --iter-time}.
 * A passphrase file's one trailing newline is dropped, as {@link Secret#of} does; cryptsetup's
 * {@code --key-file} keeps it, so files meant for both should end without one.
 */
final class LuksOptions {

    private LuksOptions() {
    }

    /** The passphrase in the file named by {@code option}, which must be given. */
    static Secret passphrase(Arguments args, String option) throws UsageException, IOException {
        String file = args.option(option, null);
        if (file == null) {
            throw new UsageException("give the passphrase with " + option + " FILE (never on the command line)");
        }
        Path path = Path.of(file);
        try {
            return Secret.of(Files.readAllBytes(path), "file " + path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file, null, "passphrase file does not exist");
        }
    }

    /** Opens the LUKS2 image with the passphrase; the image file is closed again when that fails. */
    static LuksDevice open(Path image, boolean readOnly, Secret passphrase) throws IOException {
        FileBlockDevice raw = FileBlockDevice.open(image, readOnly);
        try {
            return Luks.open(raw, passphrase);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** {@code --pbkdf argon2id|pbkdf2} (argon2id by default), costs measured for {@code --iter-time MS} (2000). */
    static LuksKdf kdf(Arguments args) throws UsageException {
        String type = args.option("--pbkdf", "argon2id");
        Duration time;
        try {
            time = Duration.ofMillis(Long.parseLong(args.option("--iter-time", "2000")));
        } catch (NumberFormatException e) {
            throw new UsageException("--iter-time takes milliseconds");
        }
        try {
            return switch (type) {
                case "argon2id" -> LuksKdf.argon2id(time);
                case "pbkdf2" -> LuksKdf.pbkdf2(time);
                default -> throw new UsageException("--pbkdf is argon2id or pbkdf2, not " + type);
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Marks the options {@code --luks} uses as known, so commands that check for stray options accept
     * them, and refuses {@code --luks} without a passphrase file.
     */
    static void declareImageOptions(Arguments args) throws UsageException {
        if (args.flag("--luks")) {
            if (args.option("--passphrase-file", null) == null) {
                throw new UsageException("--luks needs --passphrase-file FILE");
            }
            args.option("--pbkdf", null);
            args.option("--iter-time", null);
        }
    }
}

package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import dev.unikernel.luks.LuksDevice;
import dev.unikernel.luks.LuksKdf;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code luks-change-key IMAGE --passphrase-file F --new-passphrase-file G}: the keyslot F opens now takes G instead. */
final class LuksChangeKeyCommand implements Command {

    @Override
    public String name() {
        return "luks-change-key";
    }

    @Override
    public String usage() {
        return "luks-change-key IMAGE --passphrase-file F --new-passphrase-file G [--pbkdf argon2id|pbkdf2] [--iter-time MS]";
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        Path image = Path.of(args.positional(1, 1, usage()).getFirst());
        LuksKdf kdf = LuksOptions.kdf(args);
        try (Secret current = LuksOptions.passphrase(args, "--passphrase-file");
                Secret replacement = LuksOptions.passphrase(args, "--new-passphrase-file")) {
            args.checkAllUsed();
            try (LuksDevice volume = LuksOptions.open(image, false, current)) {
                out.println(image + ": changed the passphrase of keyslot " + volume.changePassphrase(current, replacement, kdf));
            }
        }
        return 0;
    }
}

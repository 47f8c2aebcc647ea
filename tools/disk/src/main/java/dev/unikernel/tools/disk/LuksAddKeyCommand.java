package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import dev.unikernel.luks.LuksDevice;
import dev.unikernel.luks.LuksKdf;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code luks-add-key IMAGE --passphrase-file F --new-passphrase-file G [--pbkdf ..] [--iter-time MS]}: prints the new keyslot. */
final class LuksAddKeyCommand implements Command {

    @Override
    public String name() {
        return "luks-add-key";
    }

    @Override
    public String usage() {
        return "luks-add-key IMAGE --passphrase-file F --new-passphrase-file G [--pbkdf argon2id|pbkdf2] [--iter-time MS]";
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        Path image = Path.of(args.positional(1, 1, usage()).getFirst());
        LuksKdf kdf = LuksOptions.kdf(args);
        try (Secret passphrase = LuksOptions.passphrase(args, "--passphrase-file");
                Secret added = LuksOptions.passphrase(args, "--new-passphrase-file")) {
            args.checkAllUsed();
            try (LuksDevice volume = LuksOptions.open(image, false, passphrase)) {
                out.println(image + ": added keyslot " + volume.addKeyslot(added, kdf));
            }
        }
        return 0;
    }
}

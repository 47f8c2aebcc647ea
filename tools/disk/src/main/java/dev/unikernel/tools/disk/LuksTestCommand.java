package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import dev.unikernel.luks.LuksDevice;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code luks-test IMAGE --passphrase-file F}: exit 0 when F opens the image (naming the keyslot), 1 when not. */
final class LuksTestCommand implements Command {

    @Override
    public String name() {
        return "luks-test";
    }

    @Override
    public String usage() {
        return "luks-test IMAGE --passphrase-file F";
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        Path image = Path.of(args.positional(1, 1, usage()).getFirst());
        try (Secret passphrase = LuksOptions.passphrase(args, "--passphrase-file")) {
            args.checkAllUsed();
            try (LuksDevice volume = LuksOptions.open(image, true, passphrase)) {
                out.println(image + ": the passphrase opens keyslot " + volume.openedKeyslot());
            }
        }
        return 0;
    }
}

package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import dev.unikernel.luks.LuksDevice;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code luks-remove-key IMAGE --passphrase-file F [--slot N] [--force]}: removes the keyslot F opens,
 * or keyslot N (F proves the right to do it). The last keyslot goes only with --force: without it the
 * data is lost.
 */
final class LuksRemoveKeyCommand implements Command {

    @Override
    public String name() {
        return "luks-remove-key";
    }

    @Override
    public String usage() {
        return "luks-remove-key IMAGE --passphrase-file F [--slot N] [--force]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("--force");
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        Path image = Path.of(args.positional(1, 1, usage()).getFirst());
        String slot = args.option("--slot", null);
        boolean force = args.flag("--force");
        try (Secret passphrase = LuksOptions.passphrase(args, "--passphrase-file")) {
            args.checkAllUsed();
            try (LuksDevice volume = LuksOptions.open(image, false, passphrase)) {
                int keyslot;
                try {
                    keyslot = slot == null ? volume.openedKeyslot() : Integer.parseInt(slot);
                } catch (NumberFormatException e) {
                    throw new UsageException("--slot takes a keyslot number");
                }
                volume.removeKeyslot(keyslot, force);
                out.println(image + ": removed keyslot " + keyslot);
            }
        }
        return 0;
    }
}

package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import dev.unikernel.luks.LuksDevice;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code luks-remove-key IMAGE -d F [-S N] [--force]}: removes the keyslot F opens, or keyslot N (F
 * proves the right to do it). The last keyslot goes only with --force: without it the data is lost.
 */
@Command(name = "luks-remove-key", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Remove the keyslot --key-file opens (like cryptsetup luksRemoveKey), or with --key-slot N that keyslot.")
final class LuksRemoveKeyCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The LUKS2 image.")
    Path image;

    @Mixin
    KeyOptions key;

    @Option(names = "--force", description = "Allow removing the last keyslot (the data can then never be read again).")
    boolean force;

    LuksRemoveKeyCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        // The passphrase may open any keyslot: it proves the right to remove keyslot N.
        try (Secret passphrase = key.passphrase(image.toString(), io, name());
                LuksDevice volume = (LuksDevice) ImageDevices.openLuks(image, false, passphrase, null)) {
            int keyslot = key.keySlot == null ? volume.openedKeyslot() : key.keySlot;
            volume.removeKeyslot(keyslot, force);
            io.out().println(image + ": removed keyslot " + keyslot);
        }
        return 0;
    }
}

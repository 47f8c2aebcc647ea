package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import dev.unikernel.luks.LuksDevice;
import dev.unikernel.luks.LuksKdf;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code luks-add-key IMAGE [NEW_KEY_FILE] -d F}: a new keyslot for the new passphrase; prints its number. */
@Command(name = "luks-add-key", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Add a keyslot, like cryptsetup luksAddKey: --key-file opens the image, NEW_KEY_FILE is the new passphrase.")
final class LuksAddKeyCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The LUKS2 image.")
    Path image;

    @Mixin
    KeyOptions key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NEW_KEY_FILE",
            description = "File with the new passphrase (every byte); - is standard input; asked for on a terminal without it.")
    String newKeyFile;

    @Mixin
    NewKeyOptions newKey;

    @Mixin
    KdfOptions kdf;

    LuksAddKeyCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        LuksKdf derivation = kdf.kdf();
        try (Secret passphrase = key.passphrase(image.toString(), io, name());
                Secret added = newKey.passphrase(newKeyFile, key.keyFile, io, name());
                LuksDevice volume = (LuksDevice) ImageDevices.openLuks(image, false, passphrase, key.keySlot)) {
            io.out().println(image + ": added keyslot " + volume.addKeyslot(added, derivation));
        }
        return 0;
    }
}

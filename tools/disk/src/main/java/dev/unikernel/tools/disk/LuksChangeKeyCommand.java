package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import dev.unikernel.luks.LuksDevice;
import dev.unikernel.luks.LuksKdf;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code luks-change-key IMAGE [NEW_KEY_FILE] -d F}: the keyslot F opens now takes the new passphrase instead. */
@Command(name = "luks-change-key", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Change a passphrase, like cryptsetup luksChangeKey: the keyslot --key-file opens takes NEW_KEY_FILE instead.")
final class LuksChangeKeyCommand extends ToolCommand {

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

    LuksChangeKeyCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        LuksKdf derivation = kdf.kdf();
        try (Secret current = key.passphrase(image.toString(), io, name());
                Secret replacement = newKey.passphrase(newKeyFile, key.keyFile, io, name());
                LuksDevice volume = (LuksDevice) ImageDevices.openLuks(image, false, current, key.keySlot)) {
            io.out().println(image + ": changed the passphrase of keyslot "
                    + volume.changePassphrase(current, replacement, derivation));
        }
        return 0;
    }
}

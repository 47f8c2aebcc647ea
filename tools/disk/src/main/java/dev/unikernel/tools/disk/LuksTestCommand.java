package dev.unikernel.tools.disk;

import dev.unikernel.api.Secret;
import dev.unikernel.luks.LuksDevice;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code luks-test IMAGE -d F}: exit 0 when F opens the image (naming the keyslot), 2 when not. */
@Command(name = "luks-test", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Test a passphrase, like cryptsetup open --test-passphrase: exit 0 when it opens the image, 2 when not.")
final class LuksTestCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The LUKS2 image.")
    Path image;

    @Mixin
    KeyOptions key;

    LuksTestCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        try (Secret passphrase = key.passphrase(image.toString(), io, name());
                LuksDevice volume = (LuksDevice) ImageDevices.openLuks(image, true, passphrase, key.keySlot)) {
            io.out().println(image + ": the passphrase opens keyslot " + volume.openedKeyslot());
        }
        return 0;
    }
}

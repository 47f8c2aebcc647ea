package dev.unikernel.tools.disk;

import dev.unikernel.luks.Luks;
import dev.unikernel.luks.LuksException;
import dev.unikernel.runtime.unix.FileBlockDevice;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code luks-dump IMAGE}: the LUKS2 header, laid out like {@code cryptsetup luksDump}; needs no passphrase. */
@Command(name = "luks-dump", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Print the LUKS2 header like cryptsetup luksDump (salts and digests, never keys); needs no passphrase.")
final class LuksDumpCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The LUKS2 image.")
    Path image;

    LuksDumpCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        try (FileBlockDevice raw = ImageDevices.openRaw(image, true)) {
            io.out().print(Luks.dump(raw));
        } catch (LuksException e) {
            throw new WrongImageException(image + ": " + e.getMessage(), e);
        }
        return 0;
    }
}

package dev.unikernel.tools.disk;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.fat.CheckReport;
import dev.unikernel.fat.Fat16;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code check IMAGE}: read-only consistency check; exit 0 when clean, 6 when not. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Check the file system, read-only, like fsck.fat -n: exit 0 when clean, 6 when not.")
final class CheckCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The disk image.")
    Path image;

    @Mixin
    ImageDevices devices;

    CheckCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        try (BlockDevice device = devices.open(image, true, io, name())) {
            CheckReport report;
            try {
                report = Fat16.check(device);
            } catch (java.io.IOException e) {
                throw new WrongImageException(image + ": " + e.getMessage(), e);
            }
            report.lines().forEach(io.out()::println);
            io.out().println(image + ": " + (report.isClean() ? "clean" : "NOT clean"));
            return report.isClean() ? ExitCodes.OK : ExitCodes.UNCLEAN;
        }
    }
}

package dev.unikernel.tools.disk;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cat IMAGE PATH}: a file of the image to standard output. */
@Command(name = "cat", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Write a file of the image to standard output.")
final class CatCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The disk image.")
    Path image;

    @Parameters(index = "1", paramLabel = "PATH", description = "File in the image.")
    String path;

    @Option(names = "--progress", description = "Show progress on stderr (default: only when on a terminal).")
    boolean progress;

    @Mixin
    ImageDevices devices;

    CatCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        try (MountedImage mounted = MountedImage.open(image, devices, true, io, name())) {
            new TreeCopy(false, Progress.of(progress, io)).copy(mounted.path(path), io.out());
        }
        return 0;
    }
}

package dev.unikernel.tools.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mkdir IMAGE PATH [-p]}. */
@Command(name = "mkdir", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class, description = "Create a directory in the image.")
final class MkdirCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The disk image.")
    Path image;

    @Parameters(index = "1", paramLabel = "PATH", description = "The directory to create.")
    String path;

    @Option(names = {"-p", "--parents"}, description = "Create missing parents; no error if it exists.")
    boolean parents;

    @Mixin
    ImageDevices devices;

    MkdirCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        try (MountedImage mounted = MountedImage.open(image, devices, false, io, name())) {
            Path dir = mounted.path(path);
            if (parents) {
                Files.createDirectories(dir);
            } else {
                Files.createDirectory(dir);
            }
        }
        return 0;
    }
}

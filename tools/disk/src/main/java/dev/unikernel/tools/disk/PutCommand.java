package dev.unikernel.tools.disk;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code put IMAGE LOCAL PATH}: copies a host file or directory tree (or standard input) into the image. */
@Command(name = "put", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Copy a host file or directory tree into the image (directories recursively); LOCAL - is standard input.")
final class PutCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The disk image.")
    Path image;

    @Parameters(index = "1", paramLabel = "LOCAL", description = "Host file or directory; - reads standard input.")
    String local;

    @Parameters(index = "2", paramLabel = "PATH", description = "Where in the image (into it when it is a directory).")
    String path;

    @Option(names = {"-f", "--force"}, description = "Overwrite files that exist in the image.")
    boolean force;

    @Option(names = "--progress", description = "Show progress on stderr (default: only when on a terminal).")
    boolean progress;

    @Mixin
    ImageDevices devices;

    PutCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        if (local.equals("-") && "-".equals(devices.key.keyFile)) {
            throw new UsageException("standard input cannot be both the file to put and the key file");
        }
        try (MountedImage mounted = MountedImage.open(image, devices, false, io, name())) {
            TreeCopy copy = new TreeCopy(force, Progress.of(progress, io));
            if (local.equals("-")) {
                copy.copy(io.in(), mounted.path(path));
            } else {
                copy.copy(Path.of(local), mounted.path(path));
            }
        }
        return 0;
    }
}

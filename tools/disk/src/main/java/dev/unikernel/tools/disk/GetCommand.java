package dev.unikernel.tools.disk;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code get IMAGE PATH LOCAL}: copies a file or directory tree out of the image (or a file to standard output). */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Copy a file or directory tree out of the image (directories recursively); LOCAL - is standard output.")
final class GetCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The disk image.")
    Path image;

    @Parameters(index = "1", paramLabel = "PATH", description = "File or directory in the image.")
    String path;

    @Parameters(index = "2", paramLabel = "LOCAL", description = "Host file or directory (into it when it is one); - writes a file to standard output.")
    String local;

    @Option(names = {"-f", "--force"}, description = "Overwrite host files that exist.")
    boolean force;

    @Option(names = "--progress", description = "Show progress on stderr (default: only when on a terminal).")
    boolean progress;

    @Mixin
    ImageDevices devices;

    GetCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        try (MountedImage mounted = MountedImage.open(image, devices, true, io, name())) {
            TreeCopy copy = new TreeCopy(force, Progress.of(progress, io));
            if (local.equals("-")) {
                copy.copy(mounted.path(path), io.out());
            } else {
                copy.copy(mounted.path(path), Path.of(local));
            }
        }
        return 0;
    }
}

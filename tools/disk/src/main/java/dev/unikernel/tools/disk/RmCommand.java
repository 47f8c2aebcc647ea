package dev.unikernel.tools.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rm IMAGE PATH [-r]}. */
@Command(name = "rm", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class, description = "Remove a file (or with -r a directory tree) from the image.")
final class RmCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The disk image.")
    Path image;

    @Parameters(index = "1", paramLabel = "PATH", description = "The file or directory to remove.")
    String path;

    @Option(names = {"-r", "--recursive"}, description = "Remove a directory and everything in it.")
    boolean recursive;

    @Mixin
    ImageDevices devices;

    RmCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        try (MountedImage mounted = MountedImage.open(image, devices, false, io, name())) {
            Path target = mounted.path(path);
            if (target.getNameCount() == 0) {
                throw new UsageException("refusing to remove the root directory");
            }
            if (recursive && Files.isDirectory(target)) {
                try (Stream<Path> s = Files.walk(target)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            } else {
                Files.delete(target);
            }
        }
        return 0;
    }
}

package dev.unikernel.tools.disk;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mv IMAGE FROM TO}: renames inside the image; into TO when TO is a directory. */
@Command(name = "mv", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class, description = "Rename or move inside the image (into TO when TO is a directory).")
final class MvCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The disk image.")
    Path image;

    @Parameters(index = "1", paramLabel = "FROM", description = "The file or directory to move.")
    String from;

    @Parameters(index = "2", paramLabel = "TO", description = "Its new name, or a directory to move it into.")
    String to;

    @Option(names = {"-f", "--force"}, description = "Replace a file that exists at TO.")
    boolean force;

    @Mixin
    ImageDevices devices;

    MvCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        try (MountedImage mounted = MountedImage.open(image, devices, false, io, name())) {
            Path source = mounted.path(from);
            Path target = mounted.path(to);
            if (Files.isDirectory(target) && !Files.isSameFile(source, target)) {
                target = target.resolve(source.getFileName().toString());
            }
            if (Files.exists(target) && !Files.isSameFile(source, target)) {
                if (!force) {
                    throw new FileAlreadyExistsException(target.toString(), null, "use --force to replace it");
                }
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(source, target);
            }
        }
        return 0;
    }
}

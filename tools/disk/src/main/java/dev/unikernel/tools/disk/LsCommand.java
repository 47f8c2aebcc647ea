package dev.unikernel.tools.disk;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ls IMAGE [PATH]}: one line per entry: type, size, modification time (UTC), name. */
@Command(name = "ls", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "List a directory of the image: type, size, modification time (UTC), name.")
final class LsCommand extends ToolCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The disk image.")
    Path image;

    @Parameters(index = "1", paramLabel = "PATH", defaultValue = "/", description = "Directory or file in the image (default: /).")
    String path;

    @Mixin
    ImageDevices devices;

    LsCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        try (MountedImage mounted = MountedImage.open(image, devices, true, io, name())) {
            Path target = mounted.path(path);
            BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
            if (!attrs.isDirectory()) {
                io.out().println(line(target, attrs));
                return 0;
            }
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(target)) {
                stream.forEach(entries::add);
            }
            entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (Path entry : entries) {
                io.out().println(line(entry, Files.readAttributes(entry, BasicFileAttributes.class)));
            }
        }
        return 0;
    }

    private static String line(Path path, BasicFileAttributes attrs) {
        return String.format("%s %12d %s %s", attrs.isDirectory() ? "d" : "-", attrs.size(),
                TIME.format(attrs.lastModifiedTime().toInstant()), path.getFileName() == null ? "/" : path.getFileName());
    }
}

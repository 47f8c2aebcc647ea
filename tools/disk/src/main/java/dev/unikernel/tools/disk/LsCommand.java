package dev.unikernel.tools.disk;

import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code ls IMAGE [PATH]}: one line per entry: type, size, modification time (UTC), name. */
final class LsCommand implements Command {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Override
    public String name() {
        return "ls";
    }

    @Override
    public String usage() {
        return "ls IMAGE [PATH]";
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        List<String> words = args.positional(1, 2, usage());
        args.checkAllUsed();
        try (MountedImage mounted = MountedImage.open(Path.of(words.get(0)), args, true)) {
            Path path = mounted.path(words.size() > 1 ? words.get(1) : "/");
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attrs.isDirectory()) {
                out.println(line(path, attrs));
                return 0;
            }
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
                stream.forEach(entries::add);
            }
            entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (Path entry : entries) {
                out.println(line(entry, Files.readAttributes(entry, BasicFileAttributes.class)));
            }
        }
        return 0;
    }

    private static String line(Path path, BasicFileAttributes attrs) {
        return String.format("%s %12d %s %s", attrs.isDirectory() ? "d" : "-", attrs.size(),
                TIME.format(attrs.lastModifiedTime().toInstant()), path.getFileName() == null ? "/" : path.getFileName());
    }
}

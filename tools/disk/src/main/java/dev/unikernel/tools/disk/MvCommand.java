package dev.unikernel.tools.disk;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** {@code mv IMAGE FROM TO}: renames inside the image; into TO when TO is a directory. */
final class MvCommand implements Command {

    @Override
    public String name() {
        return "mv";
    }

    @Override
    public String usage() {
        return "mv IMAGE FROM TO";
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        List<String> words = args.positional(3, 3, usage());
        args.checkAllUsed();
        try (MountedImage mounted = MountedImage.open(Path.of(words.get(0)), args, false)) {
            Path from = mounted.path(words.get(1));
            Path to = mounted.path(words.get(2));
            if (Files.isDirectory(to) && !Files.isSameFile(from, to)) {
                to = to.resolve(from.getFileName().toString());
            }
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        return 0;
    }
}

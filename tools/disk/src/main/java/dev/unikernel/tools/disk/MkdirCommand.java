package dev.unikernel.tools.disk;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code mkdir IMAGE PATH [-p]}. */
final class MkdirCommand implements Command {

    @Override
    public String name() {
        return "mkdir";
    }

    @Override
    public String usage() {
        return "mkdir IMAGE PATH [-p]   (-p: create parents, no error if it exists)";
    }

    @Override
    public Set<String> flags() {
        return Set.of("-p");
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        List<String> words = args.positional(2, 2, usage());
        boolean parents = args.flag("-p");
        args.checkAllUsed();
        try (MountedImage mounted = MountedImage.open(Path.of(words.get(0)), args, false)) {
            Path dir = mounted.path(words.get(1));
            if (parents) {
                Files.createDirectories(dir);
            } else {
                Files.createDirectory(dir);
            }
        }
        return 0;
    }
}

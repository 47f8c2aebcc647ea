package dev.unikernel.tools.disk;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code get IMAGE PATH LOCAL}: copies a file or directory tree out of the image. */
final class GetCommand implements Command {

    @Override
    public String name() {
        return "get";
    }

    @Override
    public String usage() {
        return "get IMAGE PATH LOCAL   (directories are copied recursively)";
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        List<String> words = args.positional(3, 3, usage());
        args.checkAllUsed();
        try (MountedImage mounted = MountedImage.open(Path.of(words.get(0)), args, true)) {
            TreeCopy.copy(mounted.path(words.get(1)), Path.of(words.get(2)));
        }
        return 0;
    }
}

package dev.unikernel.tools.disk;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code put IMAGE LOCAL PATH}: copies a host file or directory tree into the image. */
final class PutCommand implements Command {

    @Override
    public String name() {
        return "put";
    }

    @Override
    public String usage() {
        return "put IMAGE LOCAL PATH   (directories are copied recursively)";
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        List<String> words = args.positional(3, 3, usage());
        args.checkAllUsed();
        try (MountedImage mounted = MountedImage.open(Path.of(words.get(0)), args, false)) {
            TreeCopy.copy(Path.of(words.get(1)), mounted.path(words.get(2)));
        }
        return 0;
    }
}

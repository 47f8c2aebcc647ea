package dev.unikernel.tools.disk;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code rm IMAGE PATH [-r]}. */
final class RmCommand implements Command {

    @Override
    public String name() {
        return "rm";
    }

    @Override
    public String usage() {
        return "rm IMAGE PATH [-r]   (-r: remove a directory and everything in it)";
    }

    @Override
    public Set<String> flags() {
        return Set.of("-r");
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        List<String> words = args.positional(2, 2, usage());
        boolean recursive = args.flag("-r");
        args.checkAllUsed();
        try (MountedImage mounted = MountedImage.open(Path.of(words.get(0)), args, false)) {
            Path target = mounted.path(words.get(1));
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

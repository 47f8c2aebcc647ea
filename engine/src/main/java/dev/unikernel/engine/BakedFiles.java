package dev.unikernel.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The directories of a plan's {@code <files>}, listed as the vm and oci targets bake them: every
 * directory and regular file under each, at {@code /files/<device>/...}, sorted so that images are
 * reproducible. A symbolic link to a file bakes the file it points to (as {@code cp -L}); one to a
 * directory is refused, since it could pull a whole tree from outside into the image.
 */
public final class BakedFiles {

    /** One entry: a directory or a regular file, and where on the host it comes from. */
    public record Entry(String imagePath, Path source, boolean directory) {
    }

    private BakedFiles() {
    }

    public static List<Entry> of(Plan plan) throws IOException, UnikernelException {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Path> baked : plan.files().entrySet()) {
            Path root = baked.getValue();
            String base = Plan.filesPath(baked.getKey());
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.sorted().toList();
            }
            for (Path path : paths) {
                String relative = root.relativize(path).toString().replace(java.io.File.separatorChar, '/');
                String imagePath = relative.isEmpty() ? base : base + "/" + relative;
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(new Entry(imagePath, path, true));
                } else if (Files.isDirectory(path)) {
                    throw new UnikernelException("<files> of device '" + baked.getKey() + "': " + path
                            + " is a symbolic link to a directory: copy the directory there, or bake it as a <files> entry of its own");
                } else if (Files.isRegularFile(path)) {
                    entries.add(new Entry(imagePath, path, false));
                }
            }
        }
        return entries;
    }

    /** The bytes of the files, for the build's summary. */
    public static long size(List<Entry> entries) throws IOException {
        long total = 0;
        for (Entry entry : entries) {
            if (!entry.directory()) {
                total += Files.size(entry.source());
            }
        }
        return total;
    }
}

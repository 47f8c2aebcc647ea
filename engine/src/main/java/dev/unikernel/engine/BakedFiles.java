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
 * The directories of a plan's {@code <files>}, listed as they are baked: every directory and regular
 * file under each, sorted so that images are reproducible. For a provider that reads them from the
 * image ({@code image}) the vm and oci targets place them at {@code /files/<device>/...}; for one that
 * reads them from the class path ({@code class-path}) the builder packs them into a jar at
 * {@code unikernel/files/<device>/...} with an index, on every target. A symbolic link to a file
 * bakes the file it points to (as {@code cp -L}); one to a directory is refused, since it could pull
 * a whole tree from outside into the image.
 */
public final class BakedFiles {

    /** One entry: a directory or a regular file, and where on the host it comes from. */
    public record Entry(String imagePath, Path source, boolean directory) {
    }

    /** {@code Provider.files} of a provider that reads its files from the image. */
    public static final String IMAGE = "image";
    /** {@code Provider.files} of a provider that reads its files from the class path. */
    public static final String CLASS_PATH = "class-path";
    /** Where class-path files go in their jar: {@code unikernel/files/<device>/...}. */
    public static final String RESOURCE_ROOT = "unikernel/files/";

    private BakedFiles() {
    }

    /** What the vm and oci images hold at /files. */
    public static List<Entry> of(Plan plan) throws IOException, UnikernelException {
        return of(plan, IMAGE, Plan::filesPath);
    }

    /** What the class path holds, as resource names (no leading slash). */
    public static List<Entry> onClassPath(Plan plan) throws IOException, UnikernelException {
        return of(plan, CLASS_PATH, device -> RESOURCE_ROOT + device);
    }

    private static List<Entry> of(Plan plan, String kind, java.util.function.Function<String, String> location)
            throws IOException, UnikernelException {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Path> baked : plan.files().entrySet()) {
            if (!providerFiles(plan, baked.getKey()).equals(kind)) {
                continue;
            }
            Path root = baked.getValue();
            String base = location.apply(baked.getKey());
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

    private static String providerFiles(Plan plan, String device) {
        return plan.graph().devices().stream().filter(d -> d.name().equals(device)).findFirst()
                .map(d -> d.provider().files()).orElse("");
    }

    /** The baked directories themselves ({@code /files/site}), for the build's summary. */
    public static List<String> roots(List<Entry> entries) {
        return entries.stream().filter(Entry::directory).map(Entry::imagePath)
                .filter(path -> entries.stream().noneMatch(other -> other.directory() && path.startsWith(other.imagePath() + "/")))
                .toList();
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

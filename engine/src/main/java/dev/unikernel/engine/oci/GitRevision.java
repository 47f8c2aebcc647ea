package dev.unikernel.engine.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The commit a project directory is checked out at, read from {@code .git} without running git, for
 * the {@code org.opencontainers.image.revision} label. Null outside a git checkout.
 */
public final class GitRevision {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    private GitRevision() {
    }

    /** The commit of the checkout holding {@code directory}, or null when there is none or it cannot be read. */
    public static String of(Path directory) {
        try {
            for (Path dir = directory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path git = dir.resolve(".git");
                if (Files.isDirectory(git)) {
                    return resolve(git, git);
                }
                if (Files.isRegularFile(git)) { // a worktree or submodule: "gitdir: PATH"
                    String pointer = Files.readString(git).strip();
                    if (pointer.startsWith("gitdir:")) {
                        Path gitDir = dir.resolve(pointer.substring("gitdir:".length()).strip()).normalize();
                        Path common = gitDir.resolve("commondir");
                        Path commonDir = Files.isRegularFile(common)
                                ? gitDir.resolve(Files.readString(common).strip()).normalize() : gitDir;
                        return resolve(gitDir, commonDir);
                    }
                    return null;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String resolve(Path gitDir, Path commonDir) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD")).strip();
        if (!head.startsWith("ref:")) {
            return COMMIT.matcher(head).matches() ? head : null;
        }
        String ref = head.substring("ref:".length()).strip();
        for (Path base : new Path[] {gitDir, commonDir}) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String commit = Files.readString(loose).strip();
                return COMMIT.matcher(commit).matches() ? commit : null;
            }
        }
        Path packed = commonDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed)) {
                String[] parts = line.split(" ");
                if (parts.length == 2 && parts[1].equals(ref) && COMMIT.matcher(parts[0]).matches()) {
                    return parts[0];
                }
            }
        }
        return null; // a branch without commits
    }
}

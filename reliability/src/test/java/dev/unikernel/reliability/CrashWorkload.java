package dev.unikernel.reliability;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded random workload of creates, appends, in-place overwrites, truncates, renames (files and
 * directories, within and across directories), deletes, mkdir and rmdir on a mounted file system. It
 * keeps the {@link Namespace} it believes in, tells the {@link DurabilityModel} each change before
 * making it, and fsyncs now and then (each fsync a checkpoint). Between two checkpoints each path is
 * changed at most once, so what a crash may leave of it is exactly "before or after that change".
 */
final class CrashWorkload {

    /** Mounts the volume again; each call gets a fresh mount of the same disk. */
    interface Mounter {
        FileSystem mount() throws IOException;
    }

    private final Random random;
    private final WriteLog log;
    private final DurabilityModel model;
    private final Namespace live = new Namespace();
    private final Set<String> usedSinceCheckpoint = new HashSet<>();
    private FileSystem fs;
    private int nameCounter;
    private int operations;

    CrashWorkload(long seed, WriteLog log, DurabilityModel model) {
        this.random = new Random(seed);
        this.log = log;
        this.model = model;
    }

    /** Runs {@code steps} operations, unmounting and mounting again once halfway; ends unmounted. */
    void run(Mounter mounter, int steps) throws IOException {
        checkpoint(); // the freshly formatted, empty volume
        fs = mounter.mount();
        checkpoint();
        for (int step = 0; step < steps; step++) {
            if (step == steps / 2) {
                fs.close();
                checkpoint();
                fs = mounter.mount();
            }
            step();
        }
        fs.close();
        checkpoint();
    }

    int operations() {
        return operations;
    }

    private void checkpoint() {
        model.checkpoint(log.flushes(), live);
        usedSinceCheckpoint.clear();
    }

    private void step() throws IOException {
        operations++;
        int kind = random.nextInt(100);
        List<String> files = candidates(new ArrayList<>(live.files().keySet()));
        if (kind < 25 || files.isEmpty()) {
            create();
        } else if (kind < 40) {
            append(pick(files));
        } else if (kind < 50) {
            overwrite(pick(files));
        } else if (kind < 58) {
            truncate(pick(files));
        } else if (kind < 70) {
            renameFile(pick(files));
        } else if (kind < 80) {
            delete(pick(files));
        } else if (kind < 88) {
            mkdir();
        } else if (kind < 94) {
            rmdir();
        } else {
            renameDirectory();
        }
    }

    // ---- operations ----

    private void create() throws IOException {
        String path = newName(randomDir());
        byte[] content = bytes(random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(60_000));
        usedSinceCheckpoint.add(path);
        try (FileChannel ch = FileChannel.open(fs.getPath(path), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int cut = content.length == 0 ? 0 : random.nextInt(content.length);
            writeFully(ch, content, 0, cut);
            writeFully(ch, content, cut, content.length - cut);
            live.files().put(path, content);
            maybeFsync(ch);
        }
    }

    private void append(String path) throws IOException {
        byte[] before = live.files().get(path);
        byte[] more = bytes(1 + random.nextInt(12_000));
        byte[] after = Arrays.copyOf(before, before.length + more.length);
        System.arraycopy(more, 0, after, before.length, more.length);
        change(path, new Change.Append(path, after));
        try (FileChannel ch = FileChannel.open(fs.getPath(path), StandardOpenOption.APPEND)) {
            writeFully(ch, more, 0, more.length);
            live.files().put(path, after);
            maybeFsync(ch);
        }
    }

    private void overwrite(String path) throws IOException {
        byte[] before = live.files().get(path);
        if (before.length == 0) {
            append(path);
            return;
        }
        int from = random.nextInt(before.length);
        int length = 1 + random.nextInt(Math.min(before.length - from, 20_000));
        byte[] after = before.clone();
        System.arraycopy(bytes(length), 0, after, from, length);
        change(path, new Change.Overwrite(path, after));
        try (FileChannel ch = FileChannel.open(fs.getPath(path), StandardOpenOption.WRITE)) {
            ch.position(from);
            writeFully(ch, after, from, length);
            live.files().put(path, after);
            maybeFsync(ch);
        }
    }

    private void truncate(String path) throws IOException {
        byte[] before = live.files().get(path);
        byte[] after = Arrays.copyOf(before, before.length == 0 ? 0 : random.nextInt(before.length));
        change(path, new Change.Truncate(path, after));
        try (FileChannel ch = FileChannel.open(fs.getPath(path), StandardOpenOption.WRITE)) {
            ch.truncate(after.length);
            live.files().put(path, after);
            maybeFsync(ch);
        }
    }

    private void renameFile(String path) throws IOException {
        String target = newName(randomDir());
        change(path, new Change.Rename(path, target));
        usedSinceCheckpoint.add(target);
        Files.move(fs.getPath(path), fs.getPath(target));
        live.files().put(target, live.files().remove(path));
        maybeFsyncSomeFile();
    }

    private void delete(String path) throws IOException {
        change(path, new Change.Delete(path));
        Files.delete(fs.getPath(path));
        live.files().remove(path);
        maybeFsyncSomeFile();
    }

    private void mkdir() throws IOException {
        String parent = randomDir();
        if (parent.chars().filter(c -> c == '/').count() >= 3) {
            parent = "/";
        }
        String path = newName(parent);
        usedSinceCheckpoint.add(path);
        Files.createDirectory(fs.getPath(path));
        live.dirs().add(path);
        maybeFsyncSomeFile();
    }

    private void rmdir() throws IOException {
        List<String> empty = candidates(live.dirs().stream().filter(live::isEmptyDir).toList());
        if (empty.isEmpty()) {
            mkdir();
            return;
        }
        String dir = pick(empty);
        change(dir, new Change.Delete(dir));
        Files.delete(fs.getPath(dir));
        live.dirs().remove(dir);
        maybeFsyncSomeFile();
    }

    private void renameDirectory() throws IOException {
        List<String> dirs = candidates(live.dirs().stream().filter(d -> !subtreeUsed(d)).toList());
        if (dirs.isEmpty()) {
            mkdir();
            return;
        }
        String dir = pick(dirs);
        String parent = randomDir();
        if (Namespace.isUnder(parent, dir)) {
            parent = "/";
        }
        String target = newName(parent);
        model.change(log.flushes(), new Change.Rename(dir, target));
        Files.move(fs.getPath(dir), fs.getPath(target));
        for (String d : new ArrayList<>(live.dirs())) {
            if (Namespace.isUnder(d, dir)) {
                live.dirs().remove(d);
                live.dirs().add(target + d.substring(dir.length()));
                usedSinceCheckpoint.add(d);
                usedSinceCheckpoint.add(target + d.substring(dir.length()));
            }
        }
        for (String f : new ArrayList<>(live.files().keySet())) {
            if (Namespace.isUnder(f, dir)) {
                String moved = target + f.substring(dir.length());
                live.files().put(moved, live.files().remove(f));
                usedSinceCheckpoint.add(f);
                usedSinceCheckpoint.add(moved);
            }
        }
        maybeFsyncSomeFile();
    }

    // ---- helpers ----

    private void change(String path, Change change) {
        model.change(log.flushes(), change);
        usedSinceCheckpoint.add(path);
    }

    /** Paths not changed since the last checkpoint, and not inside a directory renamed since. */
    private List<String> candidates(List<String> paths) {
        List<String> free = new ArrayList<>();
        for (String p : paths) {
            if (!usedSinceCheckpoint.contains(p) && !usedSinceCheckpoint.contains(Namespace.parentOf(p))) {
                free.add(p);
            }
        }
        return free;
    }

    private boolean subtreeUsed(String dir) {
        for (String used : usedSinceCheckpoint) {
            if (Namespace.isUnder(used, dir)) {
                return true;
            }
        }
        return false;
    }

    private void maybeFsync(FileChannel ch) throws IOException {
        if (random.nextInt(100) < 45) {
            ch.force(true);
            checkpoint();
        }
    }

    private void maybeFsyncSomeFile() throws IOException {
        if (random.nextInt(100) < 30 && !live.files().isEmpty()) {
            String any = pick(new ArrayList<>(live.files().keySet()));
            try (FileChannel ch = FileChannel.open(fs.getPath(any), StandardOpenOption.READ)) {
                ch.force(true);
                checkpoint();
            }
        }
    }

    private String randomDir() {
        List<String> dirs = new ArrayList<>(live.dirs());
        dirs.add("/");
        dirs.add("/");
        return pick(dirs);
    }

    /** A new name in {@code dir}: 8.3 names, long names with spaces and accents, names of many LFN slots. */
    private String newName(String dir) {
        int n = nameCounter++;
        String name = switch (random.nextInt(4)) {
            case 0 -> "F" + n + ".BIN";
            case 1 -> "file " + n + " with a longer name.dat";
            case 2 -> "Ünïcödé-" + n;
            default -> "a rather long name number " + n + " that needs several long-name slots in its directory.bin";
        };
        return (dir.equals("/") ? "" : dir) + "/" + name;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private byte[] bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static void writeFully(FileChannel ch, byte[] data, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }
}

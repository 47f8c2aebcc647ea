package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renames cut by a power failure at every flush and with random subsets of the writes between two
 * flushes. Every such disk must show the renamed file or directory under exactly one of its names,
 * intact, both to a read-only mount and to a read-write one (which finishes an interrupted rename on
 * disk); fsck.fat -n may find nothing worse than lost clusters, before and after our read-write mount.
 */
@ParameterizedClass
@EnumSource(FatType.class)
class RenameCrashTest {

    private static final int SECTOR = 512;

    /** FAT16, and FAT32 just above its minimum cluster count (512-byte clusters), so each cut state stays small. */
    @Parameter
    FatType type;

    private TestVolumes.Geometry geometry() {
        return type == FatType.FAT16 ? new TestVolumes.Geometry(20L << 20, SECTOR, type)
                : new TestVolumes.Geometry(34L << 20, SECTOR, type);
    }
    private static final String LONG = "a long name that needs several long-name slots.bin";
    private static final byte[] CONTENT = TestVolumes.content(5_000, 77);
    /** What a replacing rename's target held before. */
    private static final byte[] REPLACED = TestVolumes.content(9_000, 78);

    /** fsck.fat lines that describe only what a crash may leave. */
    private static final List<Pattern> LEAKS_ONLY = List.of(
            Pattern.compile("^fsck\\.fat \\d.*"),
            Pattern.compile("^(0x41: )?Dirty bit is set.*"),
            Pattern.compile("^ *Automatically removing dirty bit\\."),
            Pattern.compile("^FATs differ but appear to be intact\\.( Using first FAT\\.)?"),
            Pattern.compile("^ *Using first FAT\\."),
            Pattern.compile("^Reclaimed \\d+ unused clusters? \\(\\d+ bytes\\)( in \\d+ chains?)?\\."),
            Pattern.compile("^Free cluster summary wrong.*"),
            // FAT32's FSInfo says "unknown" while a read-write mount runs (FsInfo): a crash leaves it so.
            Pattern.compile("^Free cluster summary uninitialized \\(should be \\d+\\)"),
            // After our read-write mount of a volume with lost clusters: FSInfo counts free FAT entries,
            // fsck.fat also counts the lost clusters it would reclaim, and says it would correct the figure.
            Pattern.compile("^ *Auto-correcting\\."),
            Pattern.compile("^Leaving filesystem unchanged\\."),
            Pattern.compile("^.*: \\d+ files, \\d+/\\d+ clusters$"),
            Pattern.compile("^$"));

    @TempDir
    Path tmp;

    /** States in which the old entry was gone and the new one not yet live: only recovery shows the file. */
    private int statesFinishedByRecovery;

    private interface Setup {
        void run(FileSystem fs) throws IOException;
    }

    @Test
    void fileMovedToAnotherDirectory() throws Exception {
        cutEverywhere(fs -> {
            Files.createDirectory(fs.getPath("/dir"));
            Files.write(fs.getPath("/" + LONG), CONTENT);
        }, "/" + LONG, "/dir/moved " + LONG, false);
        assertTrue(statesFinishedByRecovery > 0, "no cut fell between removing the old entry and making the new one live");
    }

    @Test
    void directoryMovedToAnotherParent() throws Exception {
        cutEverywhere(fs -> {
            Files.createDirectories(fs.getPath("/from/moving directory"));
            Files.createDirectory(fs.getPath("/to"));
            Files.write(fs.getPath("/from/moving directory/inside.bin"), CONTENT);
        }, "/from/moving directory", "/to/moved directory", true);
        assertTrue(statesFinishedByRecovery > 0, "no cut fell between removing the old entry and making the new one live");
    }

    /**
     * "." and ".." and 45 8.3 entries fill the directory's first three 512-byte sectors up to OLD.BIN in
     * the last slot of the third: the long new name cannot join it in its sector.
     */
    @Test
    void renameWithinADirectoryAcrossSectors() throws Exception {
        cutEverywhere(fs -> {
            Files.createDirectory(fs.getPath("/full"));
            for (int i = 0; i < 45; i++) {
                Files.write(fs.getPath("/full/F" + i + ".BIN"), new byte[] {(byte) i});
            }
            Files.write(fs.getPath("/full/OLD.BIN"), CONTENT);
        }, "/full/OLD.BIN", "/full/" + LONG, false);
        assertTrue(statesFinishedByRecovery > 0, "no cut fell between removing the old entry and making the new one live");
    }

    /** Old and new entry fit in one sector: one write, so no state shows the file under neither name on disk. */
    @Test
    void renameWithinOneSectorIsOneWrite() throws Exception {
        cutEverywhere(fs -> Files.write(fs.getPath("/OLD.BIN"), CONTENT), "/OLD.BIN", "/new name.bin", false);
        assertEquals(0, statesFinishedByRecovery);
    }

    @Test
    void renameReplacingAFile() throws Exception {
        cutEverywhere(fs -> {
            Files.createDirectory(fs.getPath("/dir"));
            Files.write(fs.getPath("/" + LONG), CONTENT);
            Files.write(fs.getPath("/dir/target.bin"), REPLACED);
        }, "/" + LONG, "/dir/target.bin", false);
    }

    /**
     * The documented limit: fsck.fat -a run on a cut between the rename's steps 2 and 3, before our
     * library mounts the volume, frees the file's clusters (to fsck they are lost) and clears the dirty
     * bit. Our next mount must then not revive the stale intent, and must clear it.
     */
    @Test
    void fsckRepairBeforeOurMountLosesTheFileButLeavesNoStaleIntent() throws Exception {
        Recorded recorded = record(fs -> {
            Files.createDirectory(fs.getPath("/dir"));
            Files.write(fs.getPath("/" + LONG), CONTENT);
        }, "/" + LONG, "/dir/" + LONG);
        Path image = tmp.resolve("repaired.img");
        boolean found = false;
        for (int flushes = 0; flushes <= recorded.flushCount() && !found; flushes++) {
            MemoryBlockDevice disk = recorded.atFlush(flushes);
            write(disk, image);
            if (!HostTools.run("fsck.fat", "-n", image.toString()).output().contains("Reclaimed")) {
                continue;
            }
            found = true;
            HostTools.run("fsck.fat", "-a", image.toString());
            MemoryBlockDevice repaired = read(image);
            try (FileSystem fs = Fat16.mount(repaired)) {
                assertFalse(Files.exists(fs.getPath("/" + LONG)));
                assertFalse(Files.exists(fs.getPath("/dir/" + LONG)), "a stale intent was acted on");
                Files.write(fs.getPath("/reuses the freed clusters.bin"), TestVolumes.content(20_000, 5));
            }
            assertEquals(0, intentsInRoot(repaired), "the clean mount left the stale intent in place");
            write(repaired, image);
            String after = HostTools.run("fsck.fat", "-n", image.toString()).output();
            assertFalse(after.contains("share") || after.contains("Orphan"), after);
        }
        assertTrue(found, "no cut left the file's clusters lost");
    }

    @Test
    void readOnlyMountShowsTheFinishedRenameAndWritesNothing() throws Exception {
        Recorded recorded = record(fs -> {
            Files.createDirectory(fs.getPath("/dir"));
            Files.write(fs.getPath("/" + LONG), CONTENT);
        }, "/" + LONG, "/dir/" + LONG);
        Path image = tmp.resolve("cut.img");
        int windowStates = 0;
        for (int flushes = 0; flushes <= recorded.flushCount(); flushes++) {
            MemoryBlockDevice disk = recorded.atFlush(flushes);
            write(disk, image);
            if (!HostTools.run("fsck.fat", "-n", image.toString()).output().contains("Reclaimed")) {
                continue;
            }
            windowStates++;
            byte[] before = Files.readAllBytes(image);
            try (FileSystem fs = Fat16.mount(disk, true)) {
                assertArrayEquals(CONTENT, Files.readAllBytes(fs.getPath("/dir/" + LONG)));
                assertFalse(Files.exists(fs.getPath("/" + LONG)));
            }
            write(disk, image);
            assertArrayEquals(before, Files.readAllBytes(image), "a read-only mount wrote to the disk");
            assertEquals(1, intentsInRoot(disk));
        }
        assertTrue(windowStates > 0);
    }

    /** With the fixed root directory full there is no slot for an intent: renames still work. */
    @Test
    void renameWorksWithAFullRoot() throws Exception {
        if (type == FatType.FAT32) {
            return; // FAT32's root grows like any directory: it is never full while the volume has space
        }
        MemoryBlockDevice device = TestVolumes.formatted(geometry());
        try (FileSystem fs = Fat16.mount(device)) {
            Files.createDirectory(fs.getPath("/DIR"));
            Files.write(fs.getPath("/OLD.BIN"), CONTENT);
            for (int i = 0; ; i++) {
                try {
                    Files.write(fs.getPath("/R" + i + ".BIN"), new byte[0]);
                } catch (IOException full) {
                    break;
                }
            }
            Files.move(fs.getPath("/OLD.BIN"), fs.getPath("/DIR/" + LONG));
            assertArrayEquals(CONTENT, Files.readAllBytes(fs.getPath("/DIR/" + LONG)));
        }
        Path image = tmp.resolve("full.img");
        write(device, image);
        HostTools.ok("fsck.fat", "-n", image.toString());
    }

    // ---- the cut states ----

    private record Recorded(MemoryBlockDevice base, List<RecordingBlockDevice.Event> events) {
        int flushCount() {
            return (int) events.stream().filter(RecordingBlockDevice.Event::isFlush).count();
        }

        /** The disk after the first {@code flushes} flushes (with every write issued before them). */
        MemoryBlockDevice atFlush(int flushes) throws IOException {
            MemoryBlockDevice disk = base.copy();
            int seen = 0;
            for (RecordingBlockDevice.Event e : events) {
                if (e.isFlush()) {
                    if (++seen > flushes) {
                        break;
                    }
                } else if (seen < flushes) {
                    disk.write(e.sector(), ByteBuffer.wrap(e.data()));
                }
            }
            return disk;
        }

        /** The writes issued between flush {@code flushes} and the next. */
        List<RecordingBlockDevice.Event> interval(int flushes) {
            List<RecordingBlockDevice.Event> writes = new ArrayList<>();
            int seen = 0;
            for (RecordingBlockDevice.Event e : events) {
                if (e.isFlush()) {
                    seen++;
                } else if (seen == flushes) {
                    writes.add(e);
                }
            }
            return writes;
        }
    }

    /** Prepares the volume, then records the writes of one rename (up to and including the unmount). */
    private Recorded record(Setup setup, String from, String to) throws IOException {
        MemoryBlockDevice base = TestVolumes.formatted(geometry());
        try (FileSystem fs = Fat16.mount(base)) {
            setup.run(fs);
        }
        RecordingBlockDevice recorder = new RecordingBlockDevice(base.copy());
        try (FileSystem fs = Fat16.mount(recorder)) {
            Files.move(fs.getPath(from), fs.getPath(to), StandardCopyOption.REPLACE_EXISTING);
        }
        return new Recorded(base, recorder.events());
    }

    private void cutEverywhere(Setup setup, String from, String to, boolean directory) throws Exception {
        Recorded recorded = record(setup, from, to);
        Random random = new Random(3);
        int states = 0;
        for (int flushes = 0; flushes <= recorded.flushCount(); flushes++) {
            check(recorded.atFlush(flushes), from, to, directory, "after flush " + flushes);
            states++;
            List<RecordingBlockDevice.Event> pending = recorded.interval(flushes);
            for (int r = 0; r < 3 && pending.size() > 1; r++) {
                List<RecordingBlockDevice.Event> shuffled = new ArrayList<>(pending);
                Collections.shuffle(shuffled, random);
                MemoryBlockDevice disk = recorded.atFlush(flushes);
                for (RecordingBlockDevice.Event e : shuffled.subList(0, 1 + random.nextInt(pending.size() - 1))) {
                    disk.write(e.sector(), ByteBuffer.wrap(e.data()));
                }
                check(disk, from, to, directory, "before flush " + (flushes + 1) + ", writes reordered");
                states++;
            }
        }
        assertTrue(states > 3);
    }

    private void check(MemoryBlockDevice disk, String from, String to, boolean directory, String state) throws Exception {
        Path image = tmp.resolve("cut.img");
        write(disk, image);
        String crashed = leaksOnly(image, state);
        try (FileSystem fs = Fat16.mount(disk, true)) {
            assertUnderOneName(fs, from, to, directory, state + ", read-only");
        }
        MemoryBlockDevice recovered = disk.copy();
        try (FileSystem fs = Fat16.mount(recovered)) {
            assertUnderOneName(fs, from, to, directory, state + ", read-write");
        }
        assertEquals(0, intentsInRoot(recovered), state + ": the intent outlived the read-write mount");
        write(recovered, image);
        leaksOnly(image, state + ", after our read-write mount");
        if (crashed.contains("Reclaimed")) {
            statesFinishedByRecovery++;
        }
    }

    private static void assertUnderOneName(FileSystem fs, String from, String to, boolean directory, String state)
            throws IOException {
        boolean old = Files.exists(fs.getPath(from));
        boolean renamed = Files.exists(fs.getPath(to));
        if (old && renamed && !directory && java.util.Arrays.equals(REPLACED, Files.readAllBytes(fs.getPath(to)))) {
            renamed = false; // the file a replacing rename has not replaced yet
        }
        if (old == renamed) {
            fail(state + ": " + from + " renamed to " + to + " is under " + (old ? "both names" : "neither name"));
        }
        String now = old ? from : to;
        if (directory) {
            assertArrayEquals(CONTENT, Files.readAllBytes(fs.getPath(now, "inside.bin")), state);
        } else {
            assertArrayEquals(CONTENT, Files.readAllBytes(fs.getPath(now)), state);
        }
    }

    /** Runs fsck.fat -n; fails on anything worse than lost clusters and an unclean unmount; returns its output. */
    private static String leaksOnly(Path image, String state) throws Exception {
        String output = HostTools.run("fsck.fat", "-n", image.toString()).output();
        for (String line : output.split("\n")) {
            if (LEAKS_ONLY.stream().noneMatch(p -> p.matcher(line).matches())) {
                fail(state + ": fsck.fat -n reports more than leaks: '" + line + "'\n" + output);
            }
        }
        return output;
    }

    /** Root-directory slots holding a rename intent. */
    private static int intentsInRoot(MemoryBlockDevice disk) throws IOException {
        Volume volume = Volume.mount(disk, true);
        byte[] root = RenameRecovery.readRoot(volume);
        int intents = 0;
        for (int p = 0; p < root.length; p += DirectoryEntry.SIZE) {
            if (RenameIntent.decode(root, p) != null) {
                intents++;
            }
        }
        return intents;
    }

    private static void write(MemoryBlockDevice disk, Path image) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) disk.sizeInBytes());
        disk.read(0, bytes);
        Files.write(image, bytes.array());
    }

    private static MemoryBlockDevice read(Path image) throws IOException {
        byte[] bytes = Files.readAllBytes(image);
        MemoryBlockDevice disk = MemoryBlockDevice.ofSize(bytes.length, SECTOR);
        disk.write(0, ByteBuffer.wrap(bytes));
        return disk;
    }
}

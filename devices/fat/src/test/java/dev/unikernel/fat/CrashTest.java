package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a workload's block writes, then rebuilds the disk as a power cut could leave it: at every
 * flush, and with random subsets of the writes issued between two flushes (the device may reorder
 * them). Every such disk must keep every file fsynced before the cut intact, and fsck.fat -n may find
 * nothing worse than lost clusters (or a file's chain longer than its recorded size, which is a lost
 * cluster tail), FAT copies that differ, and the dirty bit.
 */
@ParameterizedClass
@EnumSource(FatType.class)
class CrashTest {

    private static final int SECTOR = 512;

    /** FAT16, and FAT32 just above its minimum cluster count (512-byte clusters), so each cut state stays small. */
    @Parameter
    FatType type;

    private TestVolumes.Geometry geometry() {
        return type == FatType.FAT16 ? new TestVolumes.Geometry(20L << 20, SECTOR, type)
                : new TestVolumes.Geometry(34L << 20, SECTOR, type);
    }
    private static final int REORDERINGS_PER_INTERVAL = 2;

    /** fsck.fat lines that describe only what a crash may leave. */
    private static final List<Pattern> BENIGN = List.of(
            Pattern.compile("^fsck\\.fat \\d.*"),
            Pattern.compile("^Checking .*"),
            Pattern.compile("^There are differences between boot sector and its backup.*"),
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
            Pattern.compile("^ *File size is \\d+ bytes, cluster chain length is (> )?\\d+ bytes\\."),
            Pattern.compile("^ *Truncating file to \\d+ bytes\\."),
            Pattern.compile("^/.*"), // the path line that precedes a truncation message
            Pattern.compile("^Leaving filesystem unchanged\\."),
            Pattern.compile("^.*: \\d+ files, \\d+/\\d+ clusters$"),
            Pattern.compile("^$"));
    private static final Pattern TRUNCATION = Pattern.compile("File size is (\\d+) bytes, cluster chain length is (> )?(\\d+) bytes");

    @TempDir
    Path tmp;

    /** What must survive: files whose content was fsynced, and from which flush on. */
    private final Map<String, Expected> expected = new LinkedHashMap<>();

    private record Expected(byte[] content, int durableFrom, int deletedFrom) {
    }

    @Test
    void everyCutKeepsFsyncedFilesAndFsckFindsOnlyLeaks() throws Exception {
        HostTools.require("fsck.fat");
        MemoryBlockDevice base = TestVolumes.formatted(geometry());
        MemoryBlockDevice live = base.copy();
        RecordingBlockDevice recorder = new RecordingBlockDevice(live);
        runWorkload(recorder);
        verifyCuts(base, recorder.events());
    }

    private void runWorkload(RecordingBlockDevice device) throws IOException {
        Random random = new Random(42);
        FileSystem fs = Fat16.mount(device);
        List<String> deletable = new ArrayList<>();
        Files.createDirectory(fs.getPath("/many"));
        byte[] log = new byte[0];
        for (int round = 0; round < 24; round++) {
            String dir = "/d" + (round % 3);
            if (!Files.exists(fs.getPath(dir))) {
                Files.createDirectory(fs.getPath(dir));
            }
            // A new file, written in pieces, then fsynced.
            String name = dir + (round % 2 == 0 ? "/file " + round + " with a rather long name.bin" : "/F" + round + ".BIN");
            byte[] content = TestVolumes.content(random.nextInt(40_000), round);
            try (FileChannel ch = FileChannel.open(fs.getPath(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                int half = content.length / 2;
                ch.write(ByteBuffer.wrap(content, 0, half));
                ch.write(ByteBuffer.wrap(content, half, content.length - half));
                ch.force(true);
            }
            expected.put(name, new Expected(content, device.flushes(), Integer.MAX_VALUE));
            deletable.add(name);
            // An append-only log, fsynced after each append.
            if (round % 2 == 1) {
                byte[] more = TestVolumes.content(1 + random.nextInt(9000), 500 + round);
                try (FileChannel ch = FileChannel.open(fs.getPath("/log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    ch.write(ByteBuffer.wrap(more));
                    ch.force(false);
                }
                byte[] joined = java.util.Arrays.copyOf(log, log.length + more.length);
                System.arraycopy(more, 0, joined, log.length, more.length);
                log = joined;
                expected.put("/log", new Expected(log, device.flushes(), Integer.MAX_VALUE));
            }
            // Unsynced scratch work: may vanish, must not corrupt.
            if (round % 3 == 0) {
                Files.write(fs.getPath("/scratch" + round), TestVolumes.content(random.nextInt(30_000), 900 + round));
                for (int i = 0; i < 25; i++) {
                    Files.writeString(fs.getPath("/many/entry" + round + "_" + i), "x");
                }
            }
            if (round % 6 == 5) {
                try (FileChannel ch = FileChannel.open(fs.getPath("/scratch" + (round - 5)), StandardOpenOption.WRITE)) {
                    ch.truncate(1000);
                }
            }
            // Delete an older fsynced file.
            if (round % 4 == 3) {
                String victim = deletable.remove(random.nextInt(deletable.size() - 1));
                Expected e = expected.get(victim);
                expected.put(victim, new Expected(e.content(), e.durableFrom(), device.flushes()));
                Files.delete(fs.getPath(victim));
            }
        }
        fs.close();
    }

    private void verifyCuts(MemoryBlockDevice base, List<RecordingBlockDevice.Event> events) throws Exception {
        Path image = tmp.resolve("cut.img");
        byte[] current = new byte[(int) geometry().bytes()];
        base.read(0, ByteBuffer.wrap(current));
        Files.write(image, current);
        Random random = new Random(7);
        List<List<RecordingBlockDevice.Event>> intervals = new ArrayList<>();
        List<RecordingBlockDevice.Event> interval = new ArrayList<>();
        for (RecordingBlockDevice.Event e : events) {
            if (e.isFlush()) {
                intervals.add(interval);
                interval = new ArrayList<>();
            } else {
                interval.add(e);
            }
        }
        intervals.add(interval); // writes after the last flush
        int checked = 0;
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            for (int flush = 0; flush < intervals.size(); flush++) {
                // State just before flush number (flush + 1) returns: every earlier interval complete,
                // plus random subsets of this one.
                List<RecordingBlockDevice.Event> pending = intervals.get(flush);
                for (int r = 0; r < REORDERINGS_PER_INTERVAL && !pending.isEmpty(); r++) {
                    List<RecordingBlockDevice.Event> shuffled = new ArrayList<>(pending);
                    Collections.shuffle(shuffled, random);
                    List<RecordingBlockDevice.Event> applied = shuffled.subList(0, random.nextInt(shuffled.size()) + 1);
                    for (RecordingBlockDevice.Event e : applied) {
                        put(file, e.sector(), e.data());
                    }
                    check(image, flush, "interval " + flush + " with " + applied.size() + "/" + pending.size() + " writes");
                    checked++;
                    for (RecordingBlockDevice.Event e : applied) {
                        put(file, e.sector(), java.util.Arrays.copyOfRange(current, (int) e.sector() * SECTOR, (int) (e.sector() + 1) * SECTOR));
                    }
                }
                for (RecordingBlockDevice.Event e : pending) {
                    put(file, e.sector(), e.data());
                    System.arraycopy(e.data(), 0, current, (int) e.sector() * SECTOR, SECTOR);
                }
                check(image, flush + 1, "after flush " + (flush + 1));
                checked++;
            }
        }
        assertTrue(checked > 60, "only " + checked + " cut states checked");
        HostTools.Result last = HostTools.run("fsck.fat", "-n", image.toString());
        assertTrue(last.exitCode() == 0 && !last.output().contains("Dirty"), "final state is clean:\n" + last.output());
    }

    private static void put(RandomAccessFile file, long sector, byte[] data) throws IOException {
        file.seek(sector * SECTOR);
        file.write(data);
    }

    /** {@code completedFlushes}: how many flushes had returned in this state. */
    private void check(Path image, int completedFlushes, String state) throws Exception {
        HostTools.Result fsck = HostTools.run("fsck.fat", "-n", image.toString());
        for (String line : fsck.output().split("\n")) {
            boolean benign = BENIGN.stream().anyMatch(p -> p.matcher(line).matches());
            var m = TRUNCATION.matcher(line);
            if (m.find() && Long.parseLong(m.group(1)) > Long.parseLong(m.group(3))) {
                benign = false; // a size beyond the chain means lost data, not a leak
            }
            if (!benign) {
                fail("cut state " + state + ": fsck.fat -n reports more than leaks: '" + line + "'\n" + fsck.output());
            }
        }
        MemoryBlockDevice snapshot = MemoryBlockDevice.ofSize(geometry().bytes(), SECTOR);
        snapshot.write(0, ByteBuffer.wrap(Files.readAllBytes(image)));
        try (FileSystem fs = Fat16.mount(snapshot, true)) {
            for (Map.Entry<String, Expected> e : expected.entrySet()) {
                Expected x = e.getValue();
                if (completedFlushes < x.durableFrom()) {
                    continue;
                }
                boolean mayBeGone = completedFlushes >= x.deletedFrom();
                try {
                    byte[] actual = Files.readAllBytes(fs.getPath(e.getKey()));
                    if (e.getKey().equals("/log")) {
                        assertTrue(actual.length >= x.content().length, state + ": log shorter than fsynced");
                        actual = java.util.Arrays.copyOf(actual, x.content().length);
                    }
                    assertArrayEquals(x.content(), actual, state + ": fsynced file " + e.getKey() + " changed");
                } catch (NoSuchFileException missing) {
                    if (!mayBeGone) {
                        fail(state + ": fsynced file " + e.getKey() + " is missing");
                    }
                }
            }
        }
    }

}

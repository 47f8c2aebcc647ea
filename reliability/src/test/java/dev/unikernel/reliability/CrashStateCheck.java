package dev.unikernel.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.fat.Fat16;
import dev.unikernel.luks.Luks;
import dev.unikernel.luks.LuksDevice;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks one crash state of the raw disk with our whole stack and with dosfstools: LUKS2 opens it
 * with the passphrase, FAT mounts the decrypted volume (read-only, then read-write on a copy, which
 * finishes an interrupted rename on disk), every path is as the durability model demands and every
 * file reads without error; the decrypted image (kept up to date sector by sector) gets only leaks
 * from {@code fsck.fat -n}, both as the crash left it and after our read-write mount; and one
 * {@code fsck.fat -a} leaves a copy that checks clean.
 */
final class CrashStateCheck {

    private final byte[] passphrase;
    private final Path plain;
    private final Path repaired;
    private final Path recovered;
    private long dataOffset = -1;
    private int luksSector;
    int filesVerified;
    int repairs;
    /** Read-write mounts of a crash state, each followed by fsck.fat -n. */
    int recoveries;
    /**
     * States where fsck.fat -a, run before our library mounted the volume, freed a file or directory
     * caught between a rename's removing its old entry and making its new one live (lost clusters to
     * fsck), and how many durable files that cost.
     */
    int statesLostToRepairFirst;
    int filesLostToRepairFirst;

    CrashStateCheck(byte[] passphrase, Path workDir) {
        this.passphrase = passphrase.clone();
        this.plain = workDir.resolve("plain.img");
        this.repaired = workDir.resolve("repaired.img");
        this.recovered = workDir.resolve("recovered.img");
    }

    /** Checks the state {@code disk} is in; {@code repair}: also run fsck.fat -a on a copy. */
    void check(CrashDisk disk, DurabilityModel.Expectation expected, String state, boolean repair) throws Exception {
        LuksDevice luks;
        try {
            luks = Luks.open(new KeepOpen(disk.device()), passphrase);
        } catch (IOException e) {
            throw new AssertionError(state + ": the LUKS2 volume does not open: " + e, e);
        }
        try {
            updatePlainImage(disk, luks);
            try (FileSystem fs = Fat16.mount(luks, true)) {
                verify(fs, expected, state, false);
            } catch (IOException e) {
                throw new AssertionError(state + ": FAT on the decrypted volume fails: " + e, e);
            }
        } finally {
            luks.close();
        }
        Fsck.Report report = Fsck.check(plain);
        List<String> worse = report.worseThanLeaks();
        if (!worse.isEmpty()) {
            fail(state + ": fsck.fat -n finds more than leaks: " + worse + "\n" + report.output());
        }
        recover(expected, state);
        if (repair) {
            Files.copy(plain, repaired, StandardCopyOption.REPLACE_EXISTING);
            Fsck.Report fixed = Fsck.repair(repaired);
            assertTrue(fixed.exitCode() == 0 || fixed.exitCode() == 1, state + ": fsck.fat -a failed:\n" + fixed.output());
            Fsck.Report after = Fsck.check(repaired);
            assertTrue(after.clean(), state + ": not clean after fsck.fat -a:\n" + fixed.output() + "\nthen -n:\n" + after.output());
            // The repair must not have cost a durable file: mount the repaired image with our FAT and check again.
            try (FileSystem fs = Fat16.mount(imageOf(repaired), true)) {
                int lost = verify(fs, expected, state + ", repaired by fsck.fat -a", true);
                if (lost > 0) {
                    statesLostToRepairFirst++;
                    filesLostToRepairFirst += lost;
                }
            }
            repairs++;
        }
    }

    /**
     * Mounts a copy of the crash state read-write, as the server would after the crash (finishing an
     * interrupted rename on disk), checks it, unmounts it, and has fsck.fat -n find only leaks.
     */
    private void recover(DurabilityModel.Expectation expected, String state) throws Exception {
        MemoryBlockDevice image = imageOf(plain);
        try (FileSystem fs = Fat16.mount(image)) {
            verify(fs, expected, state + ", mounted read-write", false);
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) image.sizeInBytes());
        image.read(0, bytes);
        Files.write(recovered, bytes.array());
        Fsck.Report report = Fsck.check(recovered);
        List<String> worse = report.worseThanLeaks();
        if (!worse.isEmpty()) {
            fail(state + ": after our read-write mount fsck.fat -n finds more than leaks: " + worse + "\n" + report.output());
        }
        recoveries++;
    }

    private MemoryBlockDevice imageOf(Path file) throws IOException {
        MemoryBlockDevice image = MemoryBlockDevice.ofSize(Files.size(file), luksSector);
        image.write(0, ByteBuffer.wrap(Files.readAllBytes(file)));
        return image;
    }

    /** Decrypts the units that changed since the last state into the plain image (all of it the first time). */
    private void updatePlainImage(CrashDisk disk, LuksDevice luks) throws IOException {
        var changed = disk.drainChanged();
        try (RandomAccessFile file = new RandomAccessFile(plain.toFile(), "rw")) {
            if (dataOffset < 0) {
                luksSector = luks.sectorSize();
                dataOffset = disk.device().sizeInBytes() - luks.sizeInBytes();
                file.setLength(luks.sizeInBytes());
                ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
                for (long s = 0; s < luks.sectorCount(); s += chunk.capacity() / luksSector) {
                    int n = (int) Math.min(chunk.capacity() / luksSector, luks.sectorCount() - s);
                    luks.read(s, chunk.clear().limit(n * luksSector));
                    file.seek(s * luksSector);
                    file.write(chunk.array(), 0, n * luksSector);
                }
                return;
            }
            ByteBuffer sector = ByteBuffer.allocate(luksSector);
            for (long offset : changed) {
                if (offset < dataOffset) {
                    fail("the workload wrote to the LUKS2 header area at byte " + offset);
                }
                long s = (offset - dataOffset) / luksSector;
                luks.read(s, sector.clear());
                file.seek(s * luksSector);
                file.write(sector.array());
            }
        }
    }

    /**
     * Checks every durable path; returns how many durable files are gone under both names of a rename
     * in flight, which only {@code repairedFirst} (fsck.fat -a ran before our library mounted) allows.
     */
    private int verify(FileSystem fs, DurabilityModel.Expectation expected, String state, boolean repairedFirst)
            throws IOException {
        Namespace durable = expected.durable();
        int lost = 0;
        for (var entry : durable.files().entrySet()) {
            String path = entry.getKey();
            Change change = changeOf(path, expected.inFlight());
            if (change == null) {
                if (!Files.isRegularFile(fs.getPath(path))) {
                    fail(state + ": file " + path + ", durable since the last checkpoint, is missing");
                }
                assertArrayEquals(entry.getValue(), Files.readAllBytes(fs.getPath(path)), state + ": durable file " + path + " changed");
            } else if (repairedFirst && change instanceof Change.Rename rename && rename.goneUnderBothNames(fs, path)) {
                lost++;
            } else {
                change.check(fs, path, entry.getValue(), state, repairedFirst);
            }
            filesVerified++;
        }
        for (String dir : durable.dirs()) {
            Change change = changeOf(dir, expected.inFlight());
            if (change == null) {
                assertTrue(Files.isDirectory(fs.getPath(dir)), state + ": durable directory " + dir + " is missing");
            } else if (!(repairedFirst && change instanceof Change.Rename rename && rename.goneUnderBothNames(fs, dir))) {
                change.check(fs, dir, null, state, repairedFirst);
            }
        }
        // Everything else on the volume (files the crash caught before their fsync) must read without error.
        try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
            for (Path p : walk.toList()) {
                if (Files.isRegularFile(p)) {
                    Files.readAllBytes(p);
                }
            }
        }
        return lost;
    }

    private static Change changeOf(String path, List<Change> inFlight) {
        Change found = null;
        for (Change c : inFlight) {
            if (c.touches(path)) {
                if (found != null) {
                    throw new IllegalStateException("the workload changed " + path + " twice between checkpoints: "
                            + found + " and " + c);
                }
                found = c;
            }
        }
        return found;
    }
}

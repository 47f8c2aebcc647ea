package dev.unikernel.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.fat.Fat16;
import dev.unikernel.fat.FatType;
import dev.unikernel.fat.FormatOptions;
import dev.unikernel.luks.Luks;
import dev.unikernel.luks.LuksDevice;
import dev.unikernel.luks.LuksFormatOptions;
import dev.unikernel.luks.LuksKdf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crash consistency of the whole storage stack, FAT16 or FAT32 on LUKS2 on a disk: a seeded workload runs on
 * our stack over a {@link WriteLog} below the encryption, then every disk a power cut could leave is
 * rebuilt from the log: the state at every flush, and random subsets of the writes between two
 * flushes (a disk may reorder them). Each one must open and mount with our stack and keep what the
 * {@link DurabilityModel} says is durable, read-only and (on a copy) read-write; dosfstools on the
 * decrypted image may find only leaks, both as the crash left it and after our read-write mount, and
 * one run of its repair must leave the volume clean.
 *
 * <p>The disk is assumed to write each LUKS2 sector all or nothing (the unit of the log): 4 KiB for
 * FAT16; 512 bytes for FAT32, whose 65525 clusters at least would need 256 MiB of 4 KiB sectors, too
 * much to decrypt and check hundreds of times.
 */
@ParameterizedClass
@EnumSource(FatType.class)
class FatOnLuksCrashTest {

    @Parameter
    FatType type;

    /** 16 MiB of LUKS2 header and keyslots, then a FAT just above its type's minimum cluster count. */
    private long rawBytes() {
        return type == FatType.FAT16 ? (16L + 17) << 20 : (16L + 34) << 20;
    }

    /** The LUKS2 sector: the FAT's sector, and so its smallest cluster. */
    private int unit() {
        return type == FatType.FAT16 ? LuksFormatOptions.DEFAULT_SECTOR_SIZE : 512;
    }

    /** Fewer steps on FAT32 (its states are larger): CI time stays modest, every kind of operation still runs. */
    private int steps() {
        return type == FatType.FAT16 ? 160 : 80;
    }

    private static final int REORDERINGS_PER_INTERVAL = 2;
    private static final byte[] PASSPHRASE = "crash test passphrase".getBytes(StandardCharsets.UTF_8);

    @Test
    @Timeout(300)
    void everyCrashStateMountsKeepsDurableFilesAndFsckFindsOnlyLeaks(@TempDir Path tmp) throws Exception {
        Fsck.require();
        long started = System.nanoTime();
        MemoryBlockDevice formatted = MemoryBlockDevice.ofSize(rawBytes(), 512);
        try (LuksDevice luks = Luks.format(new KeepOpen(formatted), PASSPHRASE.clone(), LuksFormatOptions.defaults()
                .withKdf(LuksKdf.pbkdf2(1000)).withSectorSize(unit()).withRandom(new SecureRandom()))) {
            Fat16.format(luks, FormatOptions.defaults().withLabel("CRASH").withVolumeId(0x0C0FFEEL).withFatType(type));
            luks.flush();
        }

        WriteLog log = new WriteLog(formatted.copy(), unit());
        DurabilityModel model = new DurabilityModel();
        CrashWorkload workload = new CrashWorkload(20260101L, log, model);
        try (LuksDevice luks = Luks.open(log, PASSPHRASE.clone())) {
            workload.run(() -> Fat16.mount(luks), steps());
        }

        List<List<WriteLog.Event>> intervals = new ArrayList<>();
        intervals.add(new ArrayList<>());
        for (WriteLog.Event e : log.events()) {
            if (e.isFlush()) {
                intervals.add(new ArrayList<>());
            } else {
                intervals.getLast().add(e);
            }
        }
        assertTrue(intervals.getLast().isEmpty(), "writes after the last flush of an unmount");

        CrashDisk disk = new CrashDisk(formatted);
        CrashStateCheck check = new CrashStateCheck(PASSPHRASE, tmp);
        Random random = new Random(7);
        int prefixStates = 0;
        int reorderedStates = 0;
        int writes = 0;
        check.check(disk, model.at(0), "before the first write", true);
        prefixStates++;
        for (int flush = 0; flush < intervals.size() - 1; flush++) {
            List<WriteLog.Event> pending = intervals.get(flush);
            writes += pending.size();
            for (int r = 0; r < REORDERINGS_PER_INTERVAL && pending.size() > 1; r++) {
                List<WriteLog.Event> shuffled = new ArrayList<>(pending);
                Collections.shuffle(shuffled, random);
                List<WriteLog.Event> applied = shuffled.subList(0, 1 + random.nextInt(pending.size() - 1));
                for (WriteLog.Event e : applied) {
                    disk.apply(e);
                }
                check.check(disk, model.at(flush), "crash before flush " + (flush + 1) + " with " + applied.size()
                        + " of its " + pending.size() + " writes in random order", true);
                reorderedStates++;
                disk.revert(applied);
            }
            for (WriteLog.Event e : pending) {
                disk.commit(e);
            }
            check.check(disk, model.at(flush + 1), "crash right after flush " + (flush + 1), true);
            prefixStates++;
            if (flush % 50 == 49) {
                System.out.printf("  %d of %d flushes replayed, %d states, %d s%n", flush + 1, intervals.size() - 1,
                        prefixStates + reorderedStates, (System.nanoTime() - started) / 1_000_000_000L);
            }
        }
        Fsck.Report last = Fsck.check(tmp.resolve("plain.img"));
        assertTrue(last.clean(), "the unmounted volume is clean:\n" + last.output());

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf(type + " crash states checked: %d (%d at a flush, %d with reordered writes); %d operations, "
                        + "%d checkpoints, %d flushes, %d sector writes; %d durable-file checks, %d read-write recoveries "
                        + "checked by fsck.fat -n, %d fsck.fat -a repairs; fsck.fat -a before our mount freed a file caught "
                        + "mid-rename in %d states (%d durable files); %d s%n",
                prefixStates + reorderedStates, prefixStates, reorderedStates, workload.operations(), model.checkpoints(),
                intervals.size() - 1, writes, check.filesVerified, check.recoveries, check.repairs,
                check.statesLostToRepairFirst, check.filesLostToRepairFirst, seconds);
    }
}

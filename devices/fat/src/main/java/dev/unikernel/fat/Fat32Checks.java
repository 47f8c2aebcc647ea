package dev.unikernel.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** What {@link VolumeChecker} checks on FAT32 only: the FSInfo figures and the backup boot sector. */
final class Fat32Checks {

    private Fat32Checks() {
    }

    /** {@code clean}: the volume's clean bit is set, so its FSInfo must be exact or say "unknown". */
    static void run(Volume volume, boolean clean, List<String> problems, List<String> notes) throws IOException {
        BootSector boot = volume.boot;
        int bps = boot.bytesPerSector();
        if (boot.fsInfoSector() != 0) {
            ByteBuffer info = ByteBuffer.allocate(bps);
            volume.read((long) boot.fsInfoSector() * bps, info);
            info.flip();
            if (!FsInfo.isValid(info)) {
                problems.add("the FSInfo sector " + boot.fsInfoSector() + " lacks its signatures");
            } else {
                long recorded = FsInfo.freeCount(info);
                long actual = volume.fat.freeCount();
                if (recorded != FsInfo.UNKNOWN && recorded != actual) {
                    String finding = "FSInfo records " + recorded + " free clusters but the FAT has " + actual;
                    // After a crash a stale count is expected (other systems update it lazily); on a clean volume it is wrong.
                    (clean ? problems : notes).add(finding);
                }
            }
        }
        if (boot.backupBootSector() != 0) {
            ByteBuffer main = ByteBuffer.allocate(bps);
            ByteBuffer backup = ByteBuffer.allocate(bps);
            volume.read(0, main);
            volume.read((long) boot.backupBootSector() * bps, backup);
            if (!main.flip().equals(backup.flip())) {
                notes.add("the backup boot sector (sector " + boot.backupBootSector() + ") differs from the boot sector");
            }
        }
    }
}

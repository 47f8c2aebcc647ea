package dev.unikernel.reliability;

import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The raw (encrypted) disk as a crash leaves it: the state after the last completed flush, plus
 * whatever writes of the current interval are applied on top, which can be taken back again. Keeps
 * the set of units changed since the plain image was last brought up to date.
 */
final class CrashDisk {

    private final MemoryBlockDevice disk;
    private final MemoryBlockDevice committed;
    private final int sectorSize;
    private final TreeSet<Long> changed = new TreeSet<>();

    CrashDisk(MemoryBlockDevice before) {
        this.disk = before.copy();
        this.committed = before.copy();
        this.sectorSize = before.sectorSize();
    }

    MemoryBlockDevice device() {
        return disk;
    }

    /** Applies a write on top of the current state. */
    void apply(WriteLog.Event write) throws IOException {
        disk.write(write.byteOffset() / sectorSize, ByteBuffer.wrap(write.data()));
        changed.add(write.byteOffset());
    }

    /** Makes a write part of the state every later crash starts from (its flush completed). */
    void commit(WriteLog.Event write) throws IOException {
        apply(write);
        committed.write(write.byteOffset() / sectorSize, ByteBuffer.wrap(write.data()));
    }

    /** Takes back applied writes that were not committed. */
    void revert(Collection<WriteLog.Event> writes) throws IOException {
        for (WriteLog.Event write : writes) {
            ByteBuffer old = ByteBuffer.allocate(write.data().length);
            committed.read(write.byteOffset() / sectorSize, old);
            disk.write(write.byteOffset() / sectorSize, old.flip());
            changed.add(write.byteOffset());
        }
    }

    /** Byte offsets of the units changed since the last call, in order. */
    TreeSet<Long> drainChanged() {
        TreeSet<Long> result = new TreeSet<>(changed);
        changed.clear();
        return result;
    }
}

package dev.unikernel.fat;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reading, writing and truncating a file's bytes through its cluster chain. Contiguous clusters are
 * moved in one device call, and whole sectors go straight between the caller's buffer and the device.
 * Callers hold the volume's read lock to read, its write lock to write or truncate.
 */
final class FileContent {

    /** FAT's directory entry holds the size in 32 bits. */
    static final long MAX_FILE_SIZE = 0xFFFFFFFFL;
    private static final ByteBuffer ZEROS = ByteBuffer.allocate(64 * 1024).asReadOnlyBuffer();

    private FileContent() {
    }

    /** Reads from {@code position}; returns the bytes read, or -1 at or past the end. */
    static int read(Volume volume, Node node, ClusterCursor cursor, ByteBuffer dst, long position) throws IOException {
        long size = node.size;
        if (position >= size) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), size - position);
        int done = 0;
        while (done < want) {
            long filePos = position + done;
            int n = transfer(volume, node, cursor, filePos, want - done, (offset, length) -> readSpan(volume, offset, dst, length));
            done += n;
        }
        return want;
    }

    /** Writes at {@code position}, growing the file (a gap past the old end reads as zeros). */
    static int write(Volume volume, Node node, ClusterCursor cursor, ByteBuffer src, long position) throws IOException {
        int length = src.remaining();
        if (length == 0) {
            return 0;
        }
        // Compared without the sum, which wraps around for offsets near 2^63.
        if (position > MAX_FILE_SIZE - length) {
            throw new FileTooLargeException(node.path(), position, length);
        }
        long end = position + length;
        long oldSize = node.size;
        ensureClusters(volume, node, clustersFor(volume, Math.max(end, oldSize)));
        if (position > oldSize) {
            fill(volume, node, cursor, oldSize, position);
        }
        int done = 0;
        while (done < length) {
            long filePos = position + done;
            long sizeBefore = Math.max(oldSize, position);
            done += transfer(volume, node, cursor, filePos, length - done,
                    (offset, n) -> writeSpan(volume, offset, src, n, filePos, sizeBefore));
        }
        if (end > node.size) {
            node.size = end;
        }
        touch(volume, node);
        return length;
    }

    /** Shortens the file to {@code newSize}; the entry on disk shrinks before the FAT releases clusters. */
    static void truncate(Volume volume, Node node, long newSize) throws IOException {
        if (newSize >= node.size) {
            return;
        }
        if (volume.isPending(node)) {
            volume.sync(); // the entry on disk must describe the chain on disk before we shorten it
        }
        knowChain(volume, node);
        int keep = clustersFor(volume, newSize);
        int oldFirst = node.firstCluster;
        node.size = newSize;
        node.modified = DosTime.modified(System.currentTimeMillis());
        node.attributes |= DirectoryEntry.ATTR_ARCHIVE;
        if (keep >= node.chainLength) {
            volume.markPending(node);
            return;
        }
        int newLast = 0;
        int rest;
        if (keep == 0) {
            rest = oldFirst;
            node.firstCluster = 0;
        } else {
            newLast = new ClusterCursor().clusterAt(volume, node, keep - 1);
            rest = volume.fat.next(newLast);
        }
        node.chainVersion++;
        if (!node.deleted) {
            node.parent.writeEntry(node);
            volume.device.flush();
        }
        if (newLast != 0) {
            volume.fat.set(newLast, volume.fat.endOfChain);
        }
        node.chainLength = keep;
        node.lastCluster = newLast;
        if (rest > 0) {
            volume.releaseChain(rest);
        }
    }

    static int clustersFor(Volume volume, long bytes) {
        return (int) ((bytes + volume.clusterBytes - 1) / volume.clusterBytes);
    }

    private static void touch(Volume volume, Node node) {
        node.modified = DosTime.modified(System.currentTimeMillis());
        node.attributes |= DirectoryEntry.ATTR_ARCHIVE;
        if (!node.deleted) {
            volume.markPending(node);
        }
    }

    /** Learns the chain's length and last cluster once; later growth keeps them current. */
    private static void knowChain(Volume volume, Node node) throws IOException {
        if (node.chainLength >= 0) {
            return;
        }
        int[] count = {0};
        int[] last = {0};
        volume.walkChain(node.firstCluster, c -> {
            count[0]++;
            last[0] = c;
        });
        node.chainLength = count[0];
        node.lastCluster = last[0];
    }

    /** Grows the chain to {@code clusters}; on failure (volume full) gives back what it took. */
    private static void ensureClusters(Volume volume, Node node, int clusters) throws IOException {
        knowChain(volume, node);
        int had = node.chainLength;
        int oldLast = node.lastCluster;
        try {
            while (node.chainLength < clusters) {
                int c = volume.allocateCluster();
                if (node.chainLength == 0) {
                    node.firstCluster = c;
                } else {
                    volume.fat.set(node.lastCluster, c);
                }
                node.lastCluster = c;
                node.chainLength++;
            }
        } catch (IOException e) {
            if (node.chainLength > had) {
                // The new clusters were never described on disk: free them at once.
                int firstNew = had == 0 ? node.firstCluster : volume.fat.get(oldLast);
                if (had == 0) {
                    node.firstCluster = 0;
                } else {
                    volume.fat.set(oldLast, volume.fat.endOfChain);
                }
                volume.freeNow(firstNew);
                node.chainLength = had;
                node.lastCluster = oldLast;
                node.chainVersion++;
            }
            throw e;
        }
    }

    private static void fill(Volume volume, Node node, ClusterCursor cursor, long from, long to) throws IOException {
        long pos = from;
        while (pos < to) {
            int n = (int) Math.min(ZEROS.capacity(), to - pos);
            ByteBuffer zeros = ZEROS.duplicate().limit(n);
            long filePos = pos;
            int done = 0;
            while (done < n) {
                long p = filePos + done;
                done += transfer(volume, node, cursor, p, n - done, (offset, len) -> writeSpan(volume, offset, zeros, len, p, from));
            }
            pos += n;
        }
    }

    /**
     * Finds the run of contiguous clusters holding {@code filePos} and hands up to {@code max} bytes of
     * it to {@code span}; returns the bytes handled.
     */
    private static int transfer(Volume volume, Node node, ClusterCursor cursor, long filePos, int max, Span span) throws IOException {
        int cb = volume.clusterBytes;
        int index = (int) (filePos / cb);
        int within = (int) (filePos % cb);
        int first = cursor.clusterAt(volume, node, index);
        int last = first;
        int lastIndex = index;
        while ((long) (lastIndex - index + 1) * cb - within < max) {
            int next = volume.fat.next(last);
            if (next != last + 1) {
                break;
            }
            last = next;
            lastIndex++;
        }
        int n = (int) Math.min(max, (long) (lastIndex - index + 1) * cb - within);
        span.move(volume.clusterOffset(first) + within, n);
        cursor.moveTo(node, lastIndex, last);
        return n;
    }

    private static void readSpan(Volume volume, long diskOffset, ByteBuffer dst, int length) throws IOException {
        int ss = volume.deviceSectorSize;
        while (length > 0) {
            int head = (int) (diskOffset % ss);
            if (head != 0 || length < ss) {
                ByteBuffer sector = ByteBuffer.allocate(ss);
                volume.read(diskOffset - head, sector);
                int k = Math.min(length, ss - head);
                dst.put(sector.array(), head, k);
                diskOffset += k;
                length -= k;
            } else {
                int k = length / ss * ss;
                volume.read(diskOffset, dst.slice(dst.position(), k));
                dst.position(dst.position() + k);
                diskOffset += k;
                length -= k;
            }
        }
    }

    /**
     * Writes {@code length} bytes of {@code src}; partial sectors are read first only where they hold
     * file bytes ({@code filePos} is the file offset of {@code diskOffset}, {@code oldSize} the size before).
     */
    private static void writeSpan(Volume volume, long diskOffset, ByteBuffer src, int length, long filePos, long oldSize) throws IOException {
        int ss = volume.deviceSectorSize;
        while (length > 0) {
            int head = (int) (diskOffset % ss);
            if (head != 0 || length < ss) {
                ByteBuffer sector = ByteBuffer.allocate(ss);
                if (filePos - head < oldSize) {
                    volume.read(diskOffset - head, sector);
                    sector.clear();
                }
                int k = Math.min(length, ss - head);
                src.get(sector.array(), head, k);
                volume.write(diskOffset - head, sector);
                diskOffset += k;
                filePos += k;
                length -= k;
            } else {
                int k = length / ss * ss;
                volume.write(diskOffset, src.slice(src.position(), k));
                src.position(src.position() + k);
                diskOffset += k;
                filePos += k;
                length -= k;
            }
        }
    }

    @FunctionalInterface
    private interface Span {
        void move(long diskOffset, int length) throws IOException;
    }
}

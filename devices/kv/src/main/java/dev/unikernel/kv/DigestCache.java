package dev.unikernel.kv;

import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SHA-256 digests of values by key, valid while the file's size, modification time and identity
 * stay the same. A web server asks for the digest (its entity tag) on every request, from many
 * threads; an unchanged file is hashed once.
 *
 * <p>A digest is trusted only once the file's time is older than the file system's time step when
 * hashing began, as git does for "racily clean" files: FAT stores modification times in 2-second
 * steps, so a rewrite of the same size within those 2 seconds would keep the same time and, without
 * this rule, the old digest. Until then each call hashes again, which costs little for a fresh file.
 */
final class DigestCache {

    /** The coarsest modification-time step of the file systems we serve from (FAT's). */
    static final long TIME_STEP_MILLIS = 2_000;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong hashes = new AtomicLong();

    /** The cached digest of {@code key} when {@code attrs} still describe the file it was computed from. */
    String lookup(String key, BasicFileAttributes attrs) {
        Entry entry = entries.get(key);
        return entry != null && entry.describes(attrs) ? entry.digest : null;
    }

    /**
     * Remembers the digest of the file {@code attrs} describe, hashed starting at {@code hashStartMillis},
     * unless its time is too recent to tell a later rewrite from it.
     */
    void remember(String key, BasicFileAttributes attrs, String digest, long hashStartMillis) {
        hashes.incrementAndGet();
        long modified = attrs.lastModifiedTime().toMillis();
        if (hashStartMillis - modified >= TIME_STEP_MILLIS) {
            entries.put(key, new Entry(attrs.size(), attrs.lastModifiedTime().toInstant(), attrs.fileKey(), digest));
        } else {
            entries.remove(key);
        }
    }

    /** Drops what is known about {@code key}: it was written, deleted or found missing. */
    void forget(String key) {
        entries.remove(key);
    }

    /** How many times a value was hashed (for tests of the cache). */
    long hashCount() {
        return hashes.get();
    }

    /** What a digest was computed from; the file key tells a replaced file (new inode, new FAT entry) from the old one. */
    private record Entry(long size, Instant modified, Object fileKey, String digest) {

        boolean describes(BasicFileAttributes attrs) {
            return size == attrs.size() && modified.equals(attrs.lastModifiedTime().toInstant())
                    && Objects.equals(fileKey, attrs.fileKey());
        }
    }
}

package dev.unikernel.luks;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An open LUKS2 volume: a {@link BlockDevice} view of the decrypted data segment of another
 * BlockDevice (the decorator of mirage's {@code ccm_block}). Its sector size is the segment's
 * encryption sector size; sector 0 is the segment's first sector. Safe for concurrent reads and
 * writes. {@link #flush()} and {@link #close()} go through to the raw device; close also wipes the
 * volume key.
 *
 * <p>Keyslot management works on the open volume, because it holds the volume key: adding a
 * passphrase needs no other passphrase, as with {@code cryptsetup luksAddKey --volume-key-file}.
 * Each change re-reads the header from disk first, so a change made meanwhile by another tool is
 * not overwritten.
 */
public final class LuksDevice implements BlockDevice {

    private static final int IV_UNIT = 512;
    /** Bounds the scratch buffer of a large write or of a read into a direct buffer. */
    private static final int MAX_SCRATCH = 256 * 1024;

    private final BlockDevice raw;
    private final SecureRandom random;
    private final DataSegment segment;
    private final String uuid;
    private final int openedKeyslot;
    private final long sectorCount;
    private final int ivUnitsPerSector;
    private final byte[] volumeKey;
    private final XtsAes cipher;
    private final ScratchBuffers scratchBuffers;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Object headerLock = new Object();
    private final boolean formatted;
    private volatile boolean closed;

    LuksDevice(BlockDevice raw, LuksHeader header, byte[] volumeKey, int openedKeyslot, SecureRandom random,
            boolean formatted) throws LuksException {
        this.raw = raw;
        this.formatted = formatted;
        this.random = random;
        this.segment = header.segment();
        this.uuid = header.uuid();
        this.openedKeyslot = openedKeyslot;
        CipherSpec.requireSupported(segment.encryption(), volumeKey.length, "the data segment");
        if (segment.sectorSize() < raw.sectorSize() || segment.offset() % raw.sectorSize() != 0) {
            throw new LuksException("the LUKS2 data segment (" + segment.sectorSize() + "-byte sectors at byte " + segment.offset()
                    + ") does not align with the device's " + raw.sectorSize() + "-byte sectors");
        }
        long available = raw.sizeInBytes() - segment.offset();
        if (segment.size() != DataSegment.DYNAMIC && segment.size() > available) {
            throw new LuksException("the device ends " + (segment.size() - available)
                    + " bytes before the end of the LUKS2 data segment (truncated?)");
        }
        long bytes = segment.size() == DataSegment.DYNAMIC ? available : segment.size();
        if (bytes < segment.sectorSize()) {
            throw new LuksException("the LUKS2 data segment holds no whole sector (the device is too small)");
        }
        this.sectorCount = bytes / segment.sectorSize();
        this.ivUnitsPerSector = segment.sectorSize() / IV_UNIT;
        this.volumeKey = volumeKey.clone();
        this.cipher = new XtsAes(volumeKey);
        this.scratchBuffers = new ScratchBuffers(MAX_SCRATCH / segment.sectorSize() * segment.sectorSize());
    }

    // ---------------------------------------------------------------- BlockDevice

    @Override
    public int sectorSize() {
        return segment.sectorSize();
    }

    @Override
    public long sectorCount() {
        return sectorCount;
    }

    @Override
    public boolean isReadOnly() {
        return raw.isReadOnly();
    }

    /** A volume this process formatted holds nothing yet; an opened one is new only if its device is. */
    @Override
    public boolean isNew() {
        return formatted || raw.isNew();
    }

    @Override
    public void read(long sector, ByteBuffer dst) throws IOException {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            BlockDevice.checkTransfer(this, sector, dst);
            int length = dst.remaining();
            if (dst.hasArray()) {
                // Ciphertext lands in the caller's array and is decrypted in place: no copy.
                byte[] array = dst.array();
                int offset = dst.arrayOffset() + dst.position();
                raw.read(rawSector(sector), dst.duplicate());
                cipher.decrypt(array, offset, array, offset, length, segment.sectorSize(), ivOf(sector), ivUnitsPerSector);
                dst.position(dst.position() + length);
                return;
            }
            byte[] scratch = scratchBuffers.borrow(length);
            int piece = scratch.length / sectorSize() * sectorSize();
            while (dst.hasRemaining()) {
                int n = Math.min(dst.remaining(), piece);
                raw.read(rawSector(sector), ByteBuffer.wrap(scratch, 0, n));
                cipher.decrypt(scratch, 0, scratch, 0, n, segment.sectorSize(), ivOf(sector), ivUnitsPerSector);
                dst.put(scratch, 0, n);
                sector += n / sectorSize();
            }
            Arrays.fill(scratch, 0, Math.min(length, piece), (byte) 0);
            scratchBuffers.release(scratch);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void write(long sector, ByteBuffer src) throws IOException {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            if (raw.isReadOnly()) {
                throw new IOException("the encrypted device is read-only");
            }
            BlockDevice.checkTransfer(this, sector, src);
            // Holds only ciphertext: released without wiping.
            byte[] scratch = scratchBuffers.borrow(src.remaining());
            int piece = scratch.length / sectorSize() * sectorSize();
            while (src.hasRemaining()) {
                int n = Math.min(src.remaining(), piece);
                if (src.hasArray()) {
                    cipher.encrypt(src.array(), src.arrayOffset() + src.position(), scratch, 0, n,
                            segment.sectorSize(), ivOf(sector), ivUnitsPerSector);
                    src.position(src.position() + n);
                } else {
                    src.get(scratch, 0, n);
                    cipher.encrypt(scratch, 0, scratch, 0, n, segment.sectorSize(), ivOf(sector), ivUnitsPerSector);
                }
                raw.write(rawSector(sector), ByteBuffer.wrap(scratch, 0, n));
                sector += n / sectorSize();
            }
            scratchBuffers.release(scratch);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            raw.flush();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Waits for transfers in progress, wipes the volume key, then flushes and closes the raw device. */
    @Override
    public void close() throws IOException {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            cipher.destroy();
            Arrays.fill(volumeKey, (byte) 0);
        } finally {
            lifecycle.writeLock().unlock();
        }
        raw.close();
    }

    // ---------------------------------------------------------------- volume information

    /** The LUKS2 UUID of the volume. */
    public String uuid() {
        return uuid;
    }

    /** The keyslot the passphrase opened (0 after {@link Luks#format}). */
    public int openedKeyslot() {
        return openedKeyslot;
    }

    /** Ids of the keyslots in use, read from the device now. */
    public SortedSet<Integer> keyslots() throws IOException {
        synchronized (headerLock) {
            return new TreeSet<>(LuksHeader.read(raw).keyslots().keySet());
        }
    }

    // ---------------------------------------------------------------- keyslot management

    /** Adds a keyslot for {@code passphrase}; returns its id. */
    public int addKeyslot(Secret passphrase, LuksKdf kdf) throws IOException {
        byte[] bytes = passphrase.bytes();
        try {
            return addKeyslot(bytes, kdf);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Adds a keyslot for {@code passphrase} (the caller wipes it); returns its id. */
    public int addKeyslot(byte[] passphrase, LuksKdf kdf) throws IOException {
        return storeKeyslot(passphrase, kdf, -1);
    }

    /**
     * Replaces the passphrase of the keyslot that {@code current} opens by {@code replacement},
     * keeping the keyslot id; returns it. The new key material goes to a free area and the header
     * switches to it in one update, so a crash leaves either passphrase working.
     */
    public int changePassphrase(Secret current, Secret replacement, LuksKdf kdf) throws IOException {
        byte[] oldBytes = current.bytes();
        byte[] newBytes = replacement.bytes();
        try {
            return changePassphrase(oldBytes, newBytes, kdf);
        } finally {
            Arrays.fill(oldBytes, (byte) 0);
            Arrays.fill(newBytes, (byte) 0);
        }
    }

    /** As {@link #changePassphrase(Secret, Secret, LuksKdf)}; the caller wipes the arrays. */
    public int changePassphrase(byte[] current, byte[] replacement, LuksKdf kdf) throws IOException {
        int keyslot;
        synchronized (headerLock) {
            LuksHeader header = LuksHeader.read(raw);
            Unlocked unlocked = Unlocked.unlock(raw, header, current, Unlocked.ANY_KEYSLOT, "the current passphrase");
            Arrays.fill(unlocked.volumeKey(), (byte) 0);
            keyslot = unlocked.keyslot();
        }
        return storeKeyslot(replacement, kdf, keyslot);
    }

    /**
     * Removes keyslot {@code keyslot} and destroys its key material. Removing the last keyslot makes
     * the data unrecoverable once this volume is closed, so it needs {@code allowRemovingLast}.
     */
    public void removeKeyslot(int keyslot, boolean allowRemovingLast) throws IOException {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            synchronized (headerLock) {
                LuksHeader header = LuksHeader.read(raw);
                Keyslot removed = header.keyslots().get(keyslot);
                if (removed == null) {
                    throw new LuksException("keyslot " + keyslot + " is not in use");
                }
                if (header.keyslots().size() == 1 && !allowRemovingLast) {
                    throw new LuksException("keyslot " + keyslot + " is the last keyslot: without it no passphrase opens "
                            + "the volume and its data is lost; removing it needs an explicit force");
                }
                // Header first: a crash after it leaves an orphaned area, never a keyslot pointing at wiped material.
                header.withoutKeyslot(keyslot).write(raw, random);
                wipeArea(removed.areaOffset(), removed.areaSize());
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private int storeKeyslot(byte[] passphrase, LuksKdf kdf, int replacing) throws IOException {
        if (passphrase.length == 0) {
            throw new LuksException("the new passphrase is empty");
        }
        KdfParameters parameters = kdf.resolve(random);
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            synchronized (headerLock) {
                LuksHeader header = LuksHeader.read(raw);
                VolumeKeyDigest digest = header.segmentDigest();
                if (!digest.matches(volumeKey)) {
                    throw new LuksException("the volume key no longer matches the header's digest: the header was "
                            + "replaced since this volume was opened");
                }
                int id = replacing >= 0 ? replacing : header.freeKeyslotId();
                long areaSize = Keyslot.areaSizeFor(volumeKey.length);
                long areaOffset = header.freeArea(areaSize);
                Keyslot previous = header.keyslots().get(id);
                Keyslot keyslot = Keyslot.store(raw, id, volumeKey, passphrase, parameters, areaOffset, areaSize, random);
                raw.flush();
                header.withKeyslot(keyslot, digest.id()).write(raw, random);
                if (previous != null) {
                    wipeArea(previous.areaOffset(), previous.areaSize());
                }
                return id;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void wipeArea(long offset, long size) throws IOException {
        byte[] noise = new byte[Math.toIntExact(size)];
        random.nextBytes(noise);
        DeviceBytes.write(raw, offset, noise);
        raw.flush();
    }

    // ---------------------------------------------------------------- helpers

    private long rawSector(long sector) {
        return (segment.offset() + sector * segment.sectorSize()) / raw.sectorSize();
    }

    /** plain64 counts 512-byte units from the segment start even for larger sectors, as dm-crypt does for LUKS2. */
    private long ivOf(long sector) {
        return segment.ivTweak() + sector * ivUnitsPerSector;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public String toString() {
        return "LuksDevice[" + uuid + ", " + sectorCount + " x " + segment.sectorSize() + " bytes over " + raw + "]";
    }
}

package dev.unikernel.examples.web;

import dev.unikernel.api.ValueInfo;
import dev.unikernel.api.WritableKeyValueStore;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A test double: values in memory, keys checked as the contract says, every value modified at one instant. */
final class MemoryStore implements WritableKeyValueStore {

    static final Instant MODIFIED = Instant.parse("2025-03-04T05:06:07.890Z");

    private final Map<String, byte[]> values = new TreeMap<>();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    MemoryStore with(String key, String value) {
        return with(key, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    synchronized MemoryStore with(String key, byte[] value) {
        values.put(check(key), value.clone());
        return this;
    }

    @Override
    public synchronized List<String> keys() {
        return new ArrayList<>(values.keySet());
    }

    @Override
    public synchronized Optional<ValueInfo> info(String key) {
        byte[] value = values.get(check(key));
        return value == null ? Optional.empty() : Optional.of(new ValueInfo(value.length, MODIFIED, sha256(value)));
    }

    @Override
    public synchronized byte[] read(String key) throws NoSuchFileException {
        reads.incrementAndGet();
        byte[] value = values.get(check(key));
        if (value == null) {
            throw new NoSuchFileException(key);
        }
        return value.clone();
    }

    @Override
    public synchronized void write(String key, byte[] value) {
        writes.incrementAndGet();
        values.put(check(key), value.clone());
    }

    @Override
    public synchronized boolean delete(String key) {
        return values.remove(check(key)) != null;
    }

    private static String check(String key) {
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a key: '" + key + "'");
            }
        }
        return key;
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

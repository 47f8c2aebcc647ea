package dev.unikernel.kv;

import dev.unikernel.api.KeyValueStore;
import dev.unikernel.api.ValueInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values baked into the program's class path by the plugin's {@code <files>} (mirage's crunch):
 * resources {@code <folder>/<key>}, listed with their sizes and digests in {@code <folder>.index},
 * which is read once at open, so {@code keys} and {@code info} never touch the jar.
 */
final class ResourceKeyValueStore implements KeyValueStore {

    private static final String HEADER = "unikernel-files 1 ";

    private final ClassLoader loader;
    private final String folder;
    private final Map<String, ValueInfo> values;

    private ResourceKeyValueStore(ClassLoader loader, String folder, Map<String, ValueInfo> values) {
        this.loader = loader;
        this.folder = folder;
        this.values = values;
    }

    /** Reads {@code folder}'s index from {@code loader}; a missing index is an IOException saying how to bake one. */
    static ResourceKeyValueStore open(ClassLoader loader, String folder) throws IOException {
        String indexName = folder + ".index";
        InputStream in = loader.getResourceAsStream(indexName);
        if (in == null) {
            throw new NoSuchFileException(indexName, null, "no files are baked into the program for this device:"
                    + " name their directory in the plugin's <files> (<files><DEVICE>DIRECTORY</DEVICE></files>) and build again");
        }
        Map<String, ValueInfo> values = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = lines.readLine();
            if (header == null || !header.startsWith(HEADER)) {
                throw new IOException(indexName + " does not start with '" + HEADER + "': built by another plugin version?"
                        + " Build again");
            }
            Instant modified = Instant.ofEpochSecond(Long.parseLong(header.substring(HEADER.length()).strip()));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] fields = line.split(" ", 3);
                if (fields.length != 3) {
                    throw new IOException(indexName + ": not a '<size> <sha-256> <key>' line: " + line);
                }
                values.put(fields[2], new ValueInfo(Long.parseLong(fields[0]), modified, fields[1]));
            }
        } catch (NumberFormatException e) {
            throw new IOException(indexName + " is damaged: " + e.getMessage() + "; build again", e);
        }
        return new ResourceKeyValueStore(loader, folder, Collections.unmodifiableMap(values));
    }

    @Override
    public List<String> keys() {
        List<String> keys = new ArrayList<>(values.keySet());
        Collections.sort(keys);
        return List.copyOf(keys);
    }

    @Override
    public Optional<ValueInfo> info(String key) {
        Keys.segments(key);
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public byte[] read(String key) throws IOException {
        Keys.segments(key);
        ValueInfo info = values.get(key);
        InputStream in = info == null ? null : loader.getResourceAsStream(folder + "/" + key);
        if (in == null) {
            throw new NoSuchFileException(key, null, "no such key in " + this);
        }
        try (in) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length != info.size()) {
                throw new IOException("value " + key + " of " + this + " has " + bytes.length + " bytes, but its index says "
                        + info.size() + ": the program's jars are damaged");
            }
            return bytes;
        }
    }

    @Override
    public String toString() {
        return "embedded " + folder + " (" + values.size() + " values)";
    }
}

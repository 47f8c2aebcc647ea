package dev.unikernel.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Packs the {@code <files>} of devices whose provider reads them from the class path into one jar of
 * the program, {@code unikernel-files.jar}, as mirage's crunch compiles files into the unikernel:
 * {@code unikernel/files/<device>/<key>} for each file and {@code unikernel/files/<device>.index},
 * whose first line is {@code unikernel-files 1 <seconds>} (the time every value was last modified:
 * the jar's fixed time, so builds stay reproducible) and then one {@code <size> <sha-256> <key>}
 * line per value, sorted, so the store lists and validates values without reading them.
 */
final class ClassPathFiles {

    static final String JAR = "unikernel-files.jar";

    private ClassPathFiles() {
    }

    /** Writes the jar and returns it, or returns null (deleting an old one) when no device reads such files. */
    static Path pack(Plan plan, Path jars, Path staging, BuildLog log) throws IOException, UnikernelException {
        List<BakedFiles.Entry> entries = BakedFiles.onClassPath(plan);
        Path jar = jars.resolve(JAR);
        FileUpdates.deleteTree(staging);
        if (entries.isEmpty()) {
            Files.deleteIfExists(jar);
            return null;
        }
        Map<String, StringBuilder> indexes = new TreeMap<>();
        for (BakedFiles.Entry entry : entries) {
            String relative = entry.imagePath().substring(BakedFiles.RESOURCE_ROOT.length());
            int slash = relative.indexOf('/');
            String device = slash < 0 ? relative : relative.substring(0, slash);
            StringBuilder index = indexes.computeIfAbsent(device, d -> new StringBuilder("unikernel-files 1 "
                    + JarWriter.FIXED_TIME.toInstant().getEpochSecond() + "\n"));
            if (entry.directory()) {
                continue;
            }
            String key = relative.substring(slash + 1);
            if (key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
                throw new UnikernelException("<files> of device '" + device + "': " + entry.source()
                        + " has a line break in its name: rename it");
            }
            Path target = staging.resolve(entry.imagePath());
            Files.createDirectories(target.getParent());
            Files.copy(entry.source(), target);
            index.append(Files.size(target)).append(' ').append(sha256(target)).append(' ')
                    .append(key).append('\n');
        }
        for (Map.Entry<String, StringBuilder> index : indexes.entrySet()) {
            Path file = staging.resolve(BakedFiles.RESOURCE_ROOT + index.getKey() + ".index");
            Files.createDirectories(file.getParent());
            Files.writeString(file, index.getValue(), StandardCharsets.UTF_8);
        }
        JarWriter.write(staging, jar);
        log.info("Baking " + BakedFiles.roots(entries) + " into " + JAR + " (" + Sizes.human(BakedFiles.size(entries)) + ")");
        return jar;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

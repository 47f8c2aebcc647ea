package dev.unikernel.engine.vm;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A reproducible cpio archive in the "newc" format the kernel unpacks as an initramfs: entries
 * sorted by path (a parent always comes before its children), owner root, one fixed mtime, inode
 * numbers assigned in order, so the same inputs always give the same bytes.
 */
public final class CpioArchive {

    /** 2026-01-01T00:00:00Z, as the jars' entries: every entry's mtime. */
    public static final long MTIME = 1767225600L;

    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFCHR = 0020000;
    private static final String TRAILER = "TRAILER!!!";

    private sealed interface Content permits Directory, Bytes, HostFile, CharacterDevice {
    }

    private record Directory() implements Content {
    }

    private record Bytes(byte[] data) implements Content {
    }

    private record HostFile(Path source) implements Content {
    }

    private record CharacterDevice(int major, int minor) implements Content {
    }

    private record Entry(int mode, Content content) {
    }

    private final TreeMap<String, Entry> entries = new TreeMap<>();

    /** Adds a directory (and its missing parents). */
    public void directory(String path, int permissions) {
        put(path, new Entry(S_IFDIR | permissions, new Directory()));
    }

    /** Adds a file holding {@code data}. */
    public void file(String path, int permissions, byte[] data) {
        put(path, new Entry(S_IFREG | permissions, new Bytes(data.clone())));
    }

    /** Adds a file whose bytes are read from {@code source} when the archive is written. */
    public void file(String path, int permissions, Path source) {
        put(path, new Entry(S_IFREG | permissions, new HostFile(source)));
    }

    /** Adds a character device node, e.g. {@code dev/console} 5:1. */
    public void characterDevice(String path, int permissions, int major, int minor) {
        put(path, new Entry(S_IFCHR | permissions, new CharacterDevice(major, minor)));
    }

    /** The bytes the files take once unpacked (the kernel keeps them in RAM for the VM's life). */
    public long contentBytes() throws IOException {
        long total = 0;
        for (Entry entry : entries.values()) {
            switch (entry.content()) {
                case Bytes b -> total += b.data().length;
                case HostFile f -> total += Files.size(f.source());
                default -> {
                }
            }
        }
        return total;
    }

    /** The paths in the order they are written. */
    public java.util.Set<String> paths() {
        return java.util.Collections.unmodifiableSet(entries.keySet());
    }

    /** Writes the archive to {@code out} (not closed). */
    public void writeTo(OutputStream out) throws IOException {
        long inode = 1;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            switch (entry.content()) {
                case Directory d -> header(out, inode++, entry.mode(), 2, 0, 0, 0, e.getKey());
                case CharacterDevice c -> header(out, inode++, entry.mode(), 1, 0, c.major(), c.minor(), e.getKey());
                case Bytes b -> {
                    header(out, inode++, entry.mode(), 1, b.data().length, 0, 0, e.getKey());
                    out.write(b.data());
                    pad(out, b.data().length);
                }
                case HostFile f -> {
                    long size = Files.size(f.source());
                    if (size > 0xFFFFFFFFL) {
                        throw new IOException(f.source() + " is too large for a cpio archive (4 GiB at most)");
                    }
                    header(out, inode++, entry.mode(), 1, size, 0, 0, e.getKey());
                    long copied;
                    try (InputStream in = Files.newInputStream(f.source())) {
                        copied = in.transferTo(out);
                    }
                    if (copied != size) {
                        throw new IOException(f.source() + " changed while it was archived");
                    }
                    pad(out, size);
                }
            }
        }
        header(out, 0, 0, 1, 0, 0, 0, TRAILER);
    }

    /** Writes the archive gzip-compressed to {@code file}, replacing it atomically. */
    public void writeGzip(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(temporary);
                GZIPOutputStream gzip = new GZIPOutputStream(raw, 1 << 16) {
                    {
                        def.setLevel(Deflater.DEFAULT_COMPRESSION);
                    }
                };
                OutputStream out = new BufferedOutputStream(gzip, 1 << 16)) {
            writeTo(out);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void put(String path, Entry entry) {
        String name = normalize(path);
        int slash = name.lastIndexOf('/');
        if (slash > 0 && !entries.containsKey(name.substring(0, slash))) {
            directory(name.substring(0, slash), 0755);
        }
        Entry existing = entries.get(name);
        if (existing != null) {
            if (existing.content() instanceof Directory && entry.content() instanceof Directory) {
                entries.put(name, entry);
                return;
            }
            throw new IllegalArgumentException("the initramfs gets " + name + " twice");
        }
        entries.put(name, entry);
    }

    private static String normalize(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (name.isEmpty() || name.endsWith("/") || name.contains("//") || name.equals(".")
                || name.startsWith("../") || name.contains("/../") || name.equals("..")) {
            throw new IllegalArgumentException("not a path for an initramfs entry: '" + path + "'");
        }
        return name;
    }

    private static void header(OutputStream out, long inode, int mode, int links, long size, int rdevMajor,
            int rdevMinor, String name) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(110).append("070701");
        for (long field : new long[] {inode, mode, 0, 0, links, name.equals(TRAILER) ? 0 : MTIME, size, 0, 0,
                rdevMajor, rdevMinor, nameBytes.length + 1, 0}) {
            header.append(String.format("%08x", field));
        }
        out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(nameBytes);
        out.write(0);
        pad(out, 110 + nameBytes.length + 1);
    }

    private static void pad(OutputStream out, long length) throws IOException {
        for (long i = length; i % 4 != 0; i++) {
            out.write(0);
        }
    }
}

package dev.unikernel.engine.vm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dynamic loader needs to run a 64-bit little-endian ELF file: its interpreter
 * (PT_INTERP) and the shared libraries it names (DT_NEEDED), read from the program headers the way
 * ld.so reads them, without running anything.
 */
public record ElfFile(String interpreter, List<String> needed) {

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;

    public ElfFile {
        needed = List.copyOf(needed);
    }

    /** True when {@code file} starts with the ELF magic. */
    public static boolean isElf(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) < 64) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer magic = ByteBuffer.allocate(4);
            channel.read(magic, 0);
            return magic.array()[0] == 0x7f && magic.array()[1] == 'E' && magic.array()[2] == 'L' && magic.array()[3] == 'F';
        }
    }

    /** Reads {@code file}'s interpreter (null when static or a library) and needed libraries. */
    public static ElfFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer header = read(channel, 0, 64);
            if (header.getInt(0) != 0x464c457f || header.get(4) != 2 || header.get(5) != 1) {
                throw new IOException(file + " is not a 64-bit little-endian ELF file");
            }
            long programHeaders = header.getLong(0x20);
            int entrySize = Short.toUnsignedInt(header.getShort(0x36));
            int count = Short.toUnsignedInt(header.getShort(0x38));
            ByteBuffer table = read(channel, programHeaders, entrySize * count);
            List<long[]> loads = new ArrayList<>();
            long dynamicOffset = -1;
            long dynamicSize = 0;
            String interpreter = null;
            for (int i = 0; i < count; i++) {
                int at = i * entrySize;
                int type = table.getInt(at);
                long offset = table.getLong(at + 8);
                long address = table.getLong(at + 16);
                long fileSize = table.getLong(at + 32);
                switch (type) {
                    case PT_LOAD -> loads.add(new long[] {address, fileSize, offset});
                    case PT_DYNAMIC -> {
                        dynamicOffset = offset;
                        dynamicSize = fileSize;
                    }
                    case PT_INTERP -> interpreter = cString(read(channel, offset, (int) fileSize), 0);
                    default -> {
                    }
                }
            }
            List<String> needed = new ArrayList<>();
            if (dynamicOffset >= 0) {
                ByteBuffer dynamic = read(channel, dynamicOffset, (int) dynamicSize);
                List<Long> names = new ArrayList<>();
                long stringTable = -1;
                for (int at = 0; at + 16 <= dynamicSize; at += 16) {
                    long tag = dynamic.getLong(at);
                    long value = dynamic.getLong(at + 8);
                    if (tag == DT_NULL) {
                        break;
                    } else if (tag == DT_NEEDED) {
                        names.add(value);
                    } else if (tag == DT_STRTAB) {
                        stringTable = fileOffset(loads, value, file);
                    }
                }
                for (long name : names) {
                    needed.add(cString(read(channel, stringTable + name, 256), 0));
                }
            }
            return new ElfFile(interpreter, needed);
        }
    }

    private static long fileOffset(List<long[]> loads, long address, Path file) throws IOException {
        for (long[] load : loads) {
            if (address >= load[0] && address < load[0] + load[1]) {
                return address - load[0] + load[2];
            }
        }
        throw new IOException(file + ": its string table is outside every loaded segment");
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }

    private static String cString(ByteBuffer buffer, int start) {
        int end = start;
        while (end < buffer.limit() && buffer.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        buffer.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

package dev.unikernel.engine.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dynamic loader reads from an ELF file: its program interpreter ({@code PT_INTERP}) and the
 * shared libraries it needs ({@code DT_NEEDED}). Only 64-bit little-endian files (x86-64, aarch64),
 * the ones a JDK for those machines holds.
 *
 * @param interpreter the loader path, e.g. {@code /lib64/ld-linux-x86-64.so.2}; null for libraries
 * @param needed      the library names, e.g. {@code libc.so.6}, in file order
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
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer magic = ByteBuffer.allocate(4);
            channel.read(magic, 0);
            return magic.position() == 4 && magic.get(0) == 0x7f && magic.get(1) == 'E' && magic.get(2) == 'L'
                    && magic.get(3) == 'F';
        }
    }

    /** Reads the interpreter and needed libraries of an ELF file. */
    public static ElfFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new IOException(file + ": ELF file too large to inspect");
            }
            ByteBuffer elf = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
            if (elf.limit() < 64 || elf.getInt(0) != 0x464c457f) {
                throw new IOException(file + ": not an ELF file");
            }
            if (elf.get(4) != 2 || elf.get(5) != 1) {
                throw new IOException(file + ": only 64-bit little-endian ELF files are supported");
            }
            long phoff = elf.getLong(0x20);
            int phentsize = Short.toUnsignedInt(elf.getShort(0x36));
            int phnum = Short.toUnsignedInt(elf.getShort(0x38));
            String interpreter = null;
            long dynamicOffset = -1;
            long dynamicSize = 0;
            List<long[]> loads = new ArrayList<>();
            for (int i = 0; i < phnum; i++) {
                int header = Math.toIntExact(phoff + (long) i * phentsize);
                int type = elf.getInt(header);
                long offset = elf.getLong(header + 8);
                long vaddr = elf.getLong(header + 16);
                long filesz = elf.getLong(header + 32);
                switch (type) {
                    case PT_INTERP -> interpreter = string(elf, offset);
                    case PT_DYNAMIC -> {
                        dynamicOffset = offset;
                        dynamicSize = filesz;
                    }
                    case PT_LOAD -> loads.add(new long[] {vaddr, offset, filesz});
                    default -> {
                    }
                }
            }
            if (dynamicOffset < 0) {
                return new ElfFile(interpreter, List.of()); // statically linked
            }
            List<Long> neededOffsets = new ArrayList<>();
            long strtab = -1;
            for (long at = dynamicOffset; at + 16 <= dynamicOffset + dynamicSize; at += 16) {
                long tag = elf.getLong(Math.toIntExact(at));
                long value = elf.getLong(Math.toIntExact(at + 8));
                if (tag == DT_NULL) {
                    break;
                } else if (tag == DT_NEEDED) {
                    neededOffsets.add(value);
                } else if (tag == DT_STRTAB) {
                    strtab = value;
                }
            }
            if (neededOffsets.isEmpty()) {
                return new ElfFile(interpreter, List.of());
            }
            long strtabOffset = fileOffset(strtab, loads, file);
            List<String> needed = new ArrayList<>();
            for (long offset : neededOffsets) {
                needed.add(string(elf, strtabOffset + offset));
            }
            return new ElfFile(interpreter, needed);
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            throw new IOException(file + ": truncated or malformed ELF file", e);
        }
    }

    /** DT_STRTAB holds a virtual address: find the loaded segment that maps it. */
    private static long fileOffset(long vaddr, List<long[]> loads, Path file) throws IOException {
        for (long[] load : loads) {
            if (vaddr >= load[0] && vaddr < load[0] + load[2]) {
                return vaddr - load[0] + load[1];
            }
        }
        throw new IOException(file + ": the dynamic string table is outside every loaded segment");
    }

    private static String string(ByteBuffer elf, long offset) {
        int start = Math.toIntExact(offset);
        int end = start;
        while (elf.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        elf.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

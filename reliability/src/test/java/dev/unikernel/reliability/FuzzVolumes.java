package dev.unikernel.reliability;

import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.fat.Fat16;
import dev.unikernel.fat.FatType;
import dev.unikernel.fat.FormatOptions;
import dev.unikernel.luks.Luks;
import dev.unikernel.luks.LuksDevice;
import dev.unikernel.luks.LuksFormatOptions;
import dev.unikernel.luks.LuksKdf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The devices the fuzz tests build from an input, and the seeds of their corpus. A FAT input is the
 * start of a volume (boot sector, both FATs, root directory and the first clusters, where the
 * subdirectories are), laid over an otherwise empty device; a LUKS input is the primary header copy
 * (binary header and JSON area), whose checksum is recomputed so the JSON parser is reached. A FAT32
 * input is two pieces laid over a freshly formatted FAT32: the reserved sectors (boot sector, FSInfo,
 * backups) with the start of the first FAT, and the start of the data area (root directory chain and
 * the first subdirectories); a FAT32 FAT is too large to be part of an input whole.
 *
 * <p>{@code main} writes the seed corpus into the test resources (run once; the files are in the repo).
 */
final class FuzzVolumes {

    /** A FAT16 of 512-byte sectors and clusters, just above FAT16's minimum cluster count. */
    static final long FAT_BYTES = 2304L * 1024;
    /** The metadata of that volume: boot sector, FATs, root directory, the first data clusters. */
    static final int FAT_PREFIX = 48 * 1024;
    /** A FAT32 of 512-byte sectors and clusters, just above FAT32's minimum cluster count. */
    static final long FAT32_BYTES = 34L << 20;
    /** Of a FAT32 input: the first bytes of the volume (32 reserved sectors, then the FAT's first 16 KiB). */
    static final int FAT32_HEAD = 32 * 1024;
    /** Then the first bytes of the data area. */
    static final int FAT32_DATA = 16 * 1024;
    static final int LUKS_HEADER = 16 * 1024;
    private static final long LUKS_BYTES = (16L << 20) + 4096;
    private static final int CHECKSUM_OFFSET = 448;

    private FuzzVolumes() {
    }

    /** A device holding {@code input} (at most {@link #FAT_PREFIX} bytes of it) from sector 0, zeros after. */
    static MemoryBlockDevice fatVolume(byte[] input) throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(FAT_BYTES, 512);
        int length = Math.min(input.length, FAT_PREFIX) / 512 * 512;
        if (length > 0) {
            device.write(0, ByteBuffer.wrap(input, 0, length));
        }
        return device;
    }

    /** A FAT32 device: {@code input}'s head over the volume's start, the rest over its data area (see the class comment). */
    static MemoryBlockDevice fat32Volume(byte[] input) throws IOException {
        MemoryBlockDevice device = pristineFat32().copy();
        int head = Math.min(input.length, FAT32_HEAD) / 512 * 512;
        if (head > 0) {
            device.write(0, ByteBuffer.wrap(input, 0, head));
        }
        int data = Math.min(Math.max(0, input.length - FAT32_HEAD), FAT32_DATA) / 512 * 512;
        if (data > 0) {
            device.write(pristineFat32DataSector, ByteBuffer.wrap(input, FAT32_HEAD, data));
        }
        return device;
    }

    /** One formatted FAT32 that each input copies (formatting per input would be most of the time). */
    private static MemoryBlockDevice pristineFat32;
    private static long pristineFat32DataSector;

    private static synchronized MemoryBlockDevice pristineFat32() throws IOException {
        if (pristineFat32 == null) {
            pristineFat32 = blankFat32();
            pristineFat32DataSector = fat32DataSector(pristineFat32);
        }
        return pristineFat32;
    }

    private static MemoryBlockDevice blankFat32() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(FAT32_BYTES, 512);
        Fat16.format(device, FormatOptions.defaults().withLabel("FUZZ32").withVolumeId(0x5EED32)
                .withClusterBytes(512).withFatType(FatType.FAT32));
        return device;
    }

    /** Where the freshly formatted FAT32's data area starts: reserved sectors plus both FATs (its BPB). */
    private static long fat32DataSector(MemoryBlockDevice formatted) throws IOException {
        ByteBuffer boot = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        formatted.read(0, boot);
        return (boot.getShort(14) & 0xFFFF) + (long) (boot.get(16) & 0xFF) * (boot.getInt(36) & 0xFFFFFFFFL);
    }

    /** A device whose primary LUKS2 header copy is {@code input} (padded or cut to 16 KiB), checksum made to match. */
    static MemoryBlockDevice luksHeader(byte[] input) throws IOException {
        byte[] header = Arrays.copyOf(input, LUKS_HEADER);
        Arrays.fill(header, CHECKSUM_OFFSET, CHECKSUM_OFFSET + 64, (byte) 0);
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256").digest(header);
            System.arraycopy(sum, 0, header, CHECKSUM_OFFSET, sum.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(LUKS_BYTES, 512);
        device.write(0, ByteBuffer.wrap(header));
        return device;
    }

    public static void main(String[] args) throws Exception {
        Path resources = Path.of(args.length > 0 ? args[0] : "reliability/src/test/resources/dev/unikernel/reliability");
        Path fat = Files.createDirectories(resources.resolve("FatVolumeFuzzTestInputs/mountAndReadEverything"));
        Files.write(fat.resolve("empty-volume"), fatSeed(false));
        Files.write(fat.resolve("volume-with-tree"), fatSeed(true));
        Path fat32 = Files.createDirectories(resources.resolve("Fat32VolumeFuzzTestInputs/mountAndReadEverything"));
        Files.write(fat32.resolve("empty-volume"), fat32Seed(false));
        Files.write(fat32.resolve("volume-with-tree"), fat32Seed(true));
        Path luks = Files.createDirectories(resources.resolve("LuksHeaderFuzzTestInputs/parseHeader"));
        Files.write(luks.resolve("our-header"), luksSeed());
        if (args.length > 1) {
            // args[1]: an image made by `cryptsetup luksFormat --type luks2 --pbkdf pbkdf2`.
            Files.write(luks.resolve("cryptsetup-header"), Arrays.copyOf(Files.readAllBytes(Path.of(args[1])), LUKS_HEADER));
        }
    }

    private static byte[] fatSeed(boolean withTree) throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(FAT_BYTES, 512);
        Fat16.format(device, FormatOptions.defaults().withLabel("FUZZ").withVolumeId(0x5EED).withClusterBytes(512));
        if (withTree) {
            writeTree(device);
        }
        byte[] prefix = new byte[FAT_PREFIX];
        device.read(0, ByteBuffer.wrap(prefix));
        return prefix;
    }

    private static byte[] fat32Seed(boolean withTree) throws IOException {
        MemoryBlockDevice device = blankFat32();
        if (withTree) {
            writeTree(device);
        }
        byte[] seed = new byte[FAT32_HEAD + FAT32_DATA];
        device.read(0, ByteBuffer.wrap(seed, 0, FAT32_HEAD));
        device.read(fat32DataSector(device), ByteBuffer.wrap(seed, FAT32_HEAD, FAT32_DATA));
        return seed;
    }

    private static void writeTree(MemoryBlockDevice device) throws IOException {
        try (FileSystem fs = Fat16.mount(device)) {
            Files.createDirectories(fs.getPath("/dir/a sub directory with a long name"));
            Files.writeString(fs.getPath("/README.TXT"), "short name\n");
            Files.writeString(fs.getPath("/dir/a file with a long name, spaces and é.txt"), "x".repeat(1500));
            Files.write(fs.getPath("/dir/a sub directory with a long name/data.bin"), new byte[700]);
            for (int i = 0; i < 20; i++) {
                Files.writeString(fs.getPath("/dir/entry number " + i), Integer.toString(i));
            }
        }
    }

    private static byte[] luksSeed() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(LUKS_BYTES, 512);
        try (LuksDevice ignored = Luks.format(new KeepOpen(device), "fuzz".getBytes(StandardCharsets.UTF_8),
                LuksFormatOptions.defaults().withKdf(LuksKdf.pbkdf2(1000)).withRandom(new SecureRandom()))) {
            // formatted
        }
        byte[] header = new byte[LUKS_HEADER];
        device.read(0, ByteBuffer.wrap(header));
        return header;
    }
}

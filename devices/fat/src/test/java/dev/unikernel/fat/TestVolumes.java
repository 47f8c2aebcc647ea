package dev.unikernel.fat;

import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.runtime.unix.FileBlockDevice;
import java.io.IOException;
import java.nio.file.Path;

/** Formatted in-memory volumes for tests. */
final class TestVolumes {

    record Geometry(long bytes, int sectorSize, FatType type) {
        /** The type the formatter chooses by size. */
        Geometry(long bytes, int sectorSize) {
            this(bytes, sectorSize, bytes > Formatter.FAT16_AUTO_LIMIT ? FatType.FAT32 : FatType.FAT16);
        }

        @Override
        public String toString() {
            return type + ", " + (bytes >> 20) + " MiB, " + sectorSize + "-byte sectors";
        }
    }

    private TestVolumes() {
    }

    /** A new sparse image file of {@code bytes} bytes (whole 512-byte sectors) for the host tools. */
    static Path sparseImage(Path image, long bytes) throws IOException {
        FileBlockDevice.create(image, bytes, 512).close();
        return image;
    }

    static MemoryBlockDevice formatted(long bytes, int sectorSize) throws IOException {
        return formatted(new Geometry(bytes, sectorSize));
    }

    static MemoryBlockDevice formatted(Geometry geometry) throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(geometry.bytes(), geometry.sectorSize());
        Fat16.format(device, FormatOptions.defaults().withLabel("TEST").withVolumeId(0x1234ABCDL).withFatType(geometry.type()));
        return device;
    }

    /** Deterministic content: byte i of file {@code seed} is a function of both. */
    static byte[] content(int length, int seed) {
        byte[] b = new byte[length];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b[i] = (byte) x;
        }
        return b;
    }
}

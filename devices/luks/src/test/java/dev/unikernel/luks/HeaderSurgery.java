package dev.unikernel.luks;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Test-only header editing below the validating {@link LuksHeader}: changes the JSON of both copies
 * and re-seals them with correct checksums, to build headers cryptsetup could have written but we
 * must refuse, or damages bytes to build corrupt ones.
 */
final class HeaderSurgery {

    private HeaderSurgery() {
    }

    static void editJson(BlockDevice raw, Consumer<Map<String, Object>> change) throws IOException {
        for (long offset : new long[] {0, LuksHeader.DEFAULT_HEADER_SIZE}) {
            byte[] binaryBytes = DeviceBytes.read(raw, offset, BinaryHeader.SIZE);
            BinaryHeader binary = BinaryHeader.decode(binaryBytes, offset != 0);
            int areaSize = (int) binary.headerSize() - BinaryHeader.SIZE;
            byte[] area = DeviceBytes.read(raw, offset + BinaryHeader.SIZE, areaSize);
            int end = 0;
            while (area[end] != 0) {
                end++;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) Json.parse(new String(area, 0, end, StandardCharsets.UTF_8));
            change.accept(json);
            byte[] text = Json.write(json).getBytes(StandardCharsets.UTF_8);
            byte[] newArea = new byte[areaSize];
            System.arraycopy(text, 0, newArea, 0, text.length);
            DeviceBytes.write(raw, offset, binary.encode(newArea));
            DeviceBytes.write(raw, offset + BinaryHeader.SIZE, newArea);
        }
    }

    /** Flips one byte, e.g. inside a JSON area, leaving the checksum stale. */
    static void flipByte(BlockDevice raw, long offset) throws IOException {
        byte[] bytes = DeviceBytes.read(raw, offset, 1);
        bytes[0] ^= 0x20;
        DeviceBytes.write(raw, offset, bytes);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> parent, String... path) {
        Map<String, Object> current = parent;
        for (String key : path) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }
}

package dev.unikernel.luks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encrypted data area ({@code segments} entry of type "crypt"): where it starts on the raw
 * device, its length ({@link #DYNAMIC} = to the end of the device), the cipher, the encryption
 * sector size, and {@code iv_tweak}, the offset added to every sector's IV.
 */
record DataSegment(int id, long offset, long size, String encryption, int sectorSize, long ivTweak) {

    static final long DYNAMIC = -1;

    static DataSegment fromJson(int id, Map<String, Object> json) throws LuksException {
        String where = "segment " + id;
        String type = JsonFields.string(json, "type", where);
        if (!type.equals("crypt")) {
            throw new LuksException(where + " has type \"" + type + "\"; only \"crypt\" segments are supported"
                    + (type.equals("linear") ? " (a reencryption is in progress: finish it with cryptsetup)" : ""));
        }
        if (json.containsKey("integrity")) {
            throw new LuksException(where + " uses dm-integrity authenticated encryption, which is not supported");
        }
        if (json.get("flags") instanceof List<?> flags && !flags.isEmpty()) {
            throw new LuksException(where + " carries flags " + flags
                    + ", which mark a reencryption in progress: finish it with cryptsetup first");
        }
        long offset = JsonFields.decimal(json, "offset", where);
        String sizeText = JsonFields.string(json, "size", where);
        long size = sizeText.equals("dynamic") ? DYNAMIC : JsonFields.decimal(json, "size", where);
        String encryption = JsonFields.string(json, "encryption", where);
        int sectorSize = JsonFields.integer(json, "sector_size", where);
        long ivTweak = JsonFields.decimal(json, "iv_tweak", where);
        if (sectorSize < 512 || sectorSize > 4096 || Integer.bitCount(sectorSize) != 1) {
            throw new LuksException(where + " has sector size " + sectorSize + "; it must be a power of two from 512 to 4096");
        }
        if (offset % 512 != 0 || offset % sectorSize != 0) {
            throw new LuksException(where + " starts at byte " + offset + ", not aligned to its " + sectorSize + "-byte sectors");
        }
        if (size != DYNAMIC && (size == 0 || size % sectorSize != 0)) {
            throw new LuksException(where + " has size " + size + ", not a positive multiple of " + sectorSize);
        }
        return new DataSegment(id, offset, size, encryption, sectorSize, ivTweak);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "crypt");
        json.put("offset", Long.toString(offset));
        json.put("size", size == DYNAMIC ? "dynamic" : Long.toString(size));
        json.put("iv_tweak", Long.toString(ivTweak));
        json.put("encryption", encryption);
        json.put("sector_size", (long) sectorSize);
        return json;
    }
}

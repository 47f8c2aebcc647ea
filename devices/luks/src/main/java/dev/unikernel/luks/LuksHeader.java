package dev.unikernel.luks;

import dev.unikernel.api.BlockDevice;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A LUKS2 header as read from or written to a device: the fields of the binary header and the JSON
 * metadata, validated into keyslots, one data segment and digests. The JSON tree is kept whole, so
 * rewriting a header made by cryptsetup preserves what we do not interpret (tokens, flags).
 *
 * <p>Reading follows cryptsetup: both metadata copies are checked (magic, own offset, size, checksum
 * over binary header and JSON area), the valid copy with the higher sequence id wins. Writing
 * increments the sequence id and writes the primary copy, then the secondary, each with a fresh salt.
 */
final class LuksHeader {

    static final int DEFAULT_HEADER_SIZE = 16 * 1024;
    /** cryptsetup's default: the data segment starts at 16 MiB, after both headers and the keyslots area. */
    static final long DEFAULT_DATA_OFFSET = 16L * 1024 * 1024;
    static final int MAX_KEYSLOTS = 32;

    /** Where a secondary header may sit: every legal header size (LUKS2_HDR2_OFFSETS). */
    private static final long[] SECONDARY_OFFSETS = {
        0x4000, 0x8000, 0x10000, 0x20000, 0x40000, 0x80000, 0x100000, 0x200000, 0x400000};

    private final long headerSize;
    private final long sequenceId;
    private final String label;
    private final String subsystem;
    private final String uuid;
    private final String checksumAlgorithm;
    private final Map<String, Object> json;
    private final long keyslotsSize;
    private final SortedMap<Integer, Keyslot> keyslots;
    private final DataSegment segment;
    private final SortedMap<Integer, VolumeKeyDigest> digests;
    private final List<String> repairNotes;

    private LuksHeader(long headerSize, long sequenceId, String label, String subsystem, String uuid,
                       String checksumAlgorithm, Map<String, Object> json, List<String> repairNotes) throws LuksException {
        this.headerSize = headerSize;
        this.sequenceId = sequenceId;
        this.label = label;
        this.subsystem = subsystem;
        this.uuid = uuid;
        this.checksumAlgorithm = checksumAlgorithm;
        this.json = json;
        this.repairNotes = List.copyOf(repairNotes);
        Map<String, Object> config = JsonFields.object(json, "config", "the JSON area");
        long jsonSize = JsonFields.decimal(config, "json_size", "config");
        if (jsonSize != headerSize - BinaryHeader.SIZE) {
            throw new LuksException("LUKS2 metadata: config json_size " + jsonSize + " does not match the header size " + headerSize);
        }
        this.keyslotsSize = JsonFields.decimal(config, "keyslots_size", "config");
        if (keyslotsSize % 4096 != 0 || keyslotsSize > 128L * 1024 * 1024) {
            throw new LuksException("LUKS2 metadata: keyslots_size " + keyslotsSize + " is not a multiple of 4096 up to 128 MiB");
        }
        checkRequirements(config);
        this.segment = parseSegment();
        this.keyslots = parseKeyslots();
        this.digests = parseDigests();
        checkLayout();
    }

    // ---------------------------------------------------------------- reading

    /** True when {@code raw} starts with a LUKS magic (version 1 or 2), or holds a LUKS2 secondary header. */
    static boolean isLuks(BlockDevice raw) throws IOException {
        if (raw.sizeInBytes() < BinaryHeader.SIZE) {
            return false;
        }
        byte[] first = DeviceBytes.read(raw, 0, BinaryHeader.SIZE);
        if (BinaryHeader.hasMagic(first, false)) {
            int version = BinaryHeader.version(first);
            return version == 1 || version == 2;
        }
        for (long offset : SECONDARY_OFFSETS) {
            if (offset + BinaryHeader.SIZE <= raw.sizeInBytes()
                    && BinaryHeader.hasMagic(DeviceBytes.read(raw, offset, BinaryHeader.SIZE), true)) {
                return true;
            }
        }
        return false;
    }

    static LuksHeader read(BlockDevice raw) throws IOException {
        if (raw.sizeInBytes() < BinaryHeader.SIZE) {
            throw new LuksException("the device of " + raw.sizeInBytes() + " bytes is too small to hold a LUKS header");
        }
        byte[] first = DeviceBytes.read(raw, 0, BinaryHeader.SIZE);
        if (BinaryHeader.hasMagic(first, false) && BinaryHeader.version(first) == 1) {
            throw new LuksException("this is a LUKS1 device, which is not supported; "
                    + "convert it with `cryptsetup convert --type luks2 DEVICE`");
        }
        Copy primary = readCopy(raw, 0, false);
        List<Copy> secondaries = new ArrayList<>();
        if (primary.valid()) {
            secondaries.add(readCopy(raw, primary.binary.headerSize(), true));
        } else {
            for (long offset : SECONDARY_OFFSETS) {
                Copy copy = readCopy(raw, offset, true);
                secondaries.add(copy);
                if (copy.valid()) {
                    break;
                }
            }
        }
        Copy secondary = secondaries.stream().filter(Copy::valid).findFirst().orElse(secondaries.getFirst());
        if (!primary.valid() && !secondary.valid()) {
            boolean anyMagic = primary.hasMagic || secondaries.stream().anyMatch(c -> c.hasMagic);
            if (!anyMagic) {
                throw new LuksException("not a LUKS device: no LUKS2 header found");
            }
            throw new LuksException("the LUKS2 header is corrupt: primary copy: " + primary.problem
                    + "; secondary copy: " + secondary.problem);
        }
        Copy chosen;
        List<String> notes = new ArrayList<>();
        if (primary.valid() && secondary.valid()) {
            chosen = primary.binary.sequenceId() >= secondary.binary.sequenceId() ? primary : secondary;
            if (primary.binary.sequenceId() != secondary.binary.sequenceId()) {
                notes.add("the two header copies differ (sequence ids " + primary.binary.sequenceId() + " and "
                        + secondary.binary.sequenceId() + "); the newer one is used");
            }
        } else if (primary.valid()) {
            chosen = primary;
            notes.add("the secondary header copy is unusable (" + secondary.problem + "); the next header update rewrites it");
        } else {
            chosen = secondary;
            notes.add("the primary header copy is unusable (" + primary.problem + "); the next header update rewrites it");
        }
        BinaryHeader binary = chosen.binary;
        LuksHeader header = new LuksHeader(binary.headerSize(), binary.sequenceId(), binary.label(), binary.subsystem(), binary.uuid(),
                binary.checksumAlgorithm(), chosen.json, notes);
        long areasEnd = 2 * header.headerSize + header.keyslotsSize;
        if (raw.sizeInBytes() < areasEnd) {
            throw new LuksException("the device ends at byte " + raw.sizeInBytes() + ", before the end of the LUKS2 keyslots area at byte "
                    + areasEnd + " (truncated)");
        }
        return header;
    }

    /** One metadata copy as found on the device: either valid (binary header and JSON) or a problem. */
    private record Copy(boolean hasMagic, BinaryHeader binary, Map<String, Object> json, String problem) {
        boolean valid() {
            return problem == null;
        }
    }

    private static Copy readCopy(BlockDevice raw, long offset, boolean secondary) throws IOException {
        String name = secondary ? "no secondary header at byte " + offset : "no primary header";
        if (offset + BinaryHeader.SIZE > raw.sizeInBytes()) {
            return new Copy(false, null, null, "the device ends before byte " + (offset + BinaryHeader.SIZE) + " (truncated)");
        }
        byte[] bytes = DeviceBytes.read(raw, offset, BinaryHeader.SIZE);
        if (!BinaryHeader.hasMagic(bytes, secondary)) {
            return new Copy(false, null, null, name + " (no LUKS2 magic)");
        }
        if (BinaryHeader.version(bytes) != 2) {
            return new Copy(true, null, null, "unsupported LUKS version " + BinaryHeader.version(bytes));
        }
        BinaryHeader binary = BinaryHeader.decode(bytes, secondary);
        long size = binary.headerSize();
        if (binary.headerOffset() != offset) {
            return new Copy(true, null, null, "it records offset " + binary.headerOffset() + " but sits at " + offset);
        }
        if (size < DEFAULT_HEADER_SIZE || size > 0x400000 || Long.bitCount(size) != 1 || (secondary && size != offset)) {
            return new Copy(true, null, null, "bad header size " + size);
        }
        if (offset + size > raw.sizeInBytes()) {
            return new Copy(true, null, null, "its JSON area runs past the end of the device (truncated)");
        }
        byte[] jsonArea;
        try {
            jsonArea = DeviceBytes.read(raw, offset + BinaryHeader.SIZE, Math.toIntExact(size - BinaryHeader.SIZE));
        } catch (EOFException e) {
            return new Copy(true, null, null, "truncated JSON area");
        }
        try {
            if (!BinaryHeader.checksumMatches(bytes, binary.checksumAlgorithm(), jsonArea)) {
                return new Copy(true, null, null, "checksum mismatch");
            }
        } catch (LuksException e) {
            return new Copy(true, null, null, e.getMessage());
        }
        int end = 0;
        while (end < jsonArea.length && jsonArea[end] != 0) {
            end++;
        }
        if (end == jsonArea.length) {
            return new Copy(true, null, null, "the JSON area has no terminating NUL");
        }
        try {
            Object parsed = Json.parse(new String(jsonArea, 0, end, StandardCharsets.UTF_8));
            if (!(parsed instanceof Map<?, ?>)) {
                return new Copy(true, null, null, "the JSON area does not hold an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) parsed;
            return new Copy(true, binary, tree, null);
        } catch (LuksException e) {
            return new Copy(true, null, null, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- validation

    private void checkRequirements(Map<String, Object> config) throws LuksException {
        if (!(config.get("requirements") instanceof Map<?, ?> requirements)) {
            return;
        }
        if (requirements.get("mandatory") instanceof List<?> mandatory && !mandatory.isEmpty()) {
            boolean reencrypt = mandatory.stream().anyMatch(r -> String.valueOf(r).startsWith("online-reencrypt")
                    || String.valueOf(r).equals("offline-reencrypt"));
            throw new LuksException(reencrypt
                    ? "a reencryption of this LUKS2 device is in progress (requirement " + mandatory
                            + "); finish it with cryptsetup first"
                    : "this LUKS2 device has mandatory requirements " + mandatory + " that are not supported");
        }
    }

    private DataSegment parseSegment() throws LuksException {
        Map<String, Object> segments = JsonFields.object(json, "segments", "the JSON area");
        if (segments.size() != 1) {
            throw new LuksException("LUKS2 metadata has " + segments.size()
                    + " data segments; exactly one is supported (several mean a reencryption in progress)");
        }
        Map.Entry<String, Object> entry = segments.entrySet().iterator().next();
        int id = JsonFields.id(entry.getKey(), "segment");
        DataSegment segment = DataSegment.fromJson(id, JsonFields.object(segments, entry.getKey(), "segments"));
        if (segment.offset() == 0) {
            throw new LuksException("the data segment starts at byte 0: this header belongs to a detached-header "
                    + "device, which is not supported");
        }
        return segment;
    }

    private SortedMap<Integer, Keyslot> parseKeyslots() throws LuksException {
        Map<String, Object> objects = JsonFields.object(json, "keyslots", "the JSON area");
        SortedMap<Integer, Keyslot> parsed = new TreeMap<>();
        for (String key : objects.keySet()) {
            int id = JsonFields.id(key, "keyslot");
            if (id >= MAX_KEYSLOTS) {
                throw new LuksException("LUKS2 metadata: keyslot id " + id + " is not below " + MAX_KEYSLOTS);
            }
            parsed.put(id, Keyslot.fromJson(id, JsonFields.object(objects, key, "keyslots")));
        }
        return Collections.unmodifiableSortedMap(parsed);
    }

    private SortedMap<Integer, VolumeKeyDigest> parseDigests() throws LuksException {
        Map<String, Object> objects = JsonFields.object(json, "digests", "the JSON area");
        SortedMap<Integer, VolumeKeyDigest> parsed = new TreeMap<>();
        for (String key : objects.keySet()) {
            int id = JsonFields.id(key, "digest");
            VolumeKeyDigest digest = VolumeKeyDigest.fromJson(id, JsonFields.object(objects, key, "digests"));
            for (int keyslot : digest.keyslots()) {
                if (!keyslots.containsKey(keyslot)) {
                    throw new LuksException("LUKS2 metadata: digest " + id + " refers to missing keyslot " + keyslot);
                }
            }
            for (int segmentId : digest.segments()) {
                if (segmentId != segment.id()) {
                    throw new LuksException("LUKS2 metadata: digest " + id + " refers to missing segment " + segmentId);
                }
            }
            parsed.put(id, digest);
        }
        if (parsed.values().stream().noneMatch(d -> d.segments().contains(segment.id()))) {
            throw new LuksException("LUKS2 metadata: no digest covers the data segment");
        }
        return Collections.unmodifiableSortedMap(parsed);
    }

    private void checkLayout() throws LuksException {
        long areasStart = 2 * headerSize;
        long areasEnd = areasStart + keyslotsSize;
        if (segment.offset() < areasEnd) {
            throw new LuksException("LUKS2 metadata: the data segment at byte " + segment.offset()
                    + " overlaps the header and keyslots area, which end at byte " + areasEnd);
        }
        List<Keyslot> sorted = new ArrayList<>(keyslots.values());
        sorted.sort((a, b) -> Long.compare(a.areaOffset(), b.areaOffset()));
        long previousEnd = areasStart;
        for (Keyslot keyslot : sorted) {
            // areaSize > areasEnd - areaOffset, not areaOffset + areaSize > areasEnd: the sum of two header values can overflow.
            if (keyslot.areaOffset() < previousEnd || keyslot.areaOffset() > areasEnd
                    || keyslot.areaSize() > areasEnd - keyslot.areaOffset()) {
                throw new LuksException("LUKS2 metadata: keyslot " + keyslot.id() + " area [" + keyslot.areaOffset() + ", "
                        + (keyslot.areaOffset() + keyslot.areaSize()) + ") overlaps another area or leaves the keyslots area");
            }
            previousEnd = keyslot.areaOffset() + keyslot.areaSize();
        }
    }

    // ---------------------------------------------------------------- creating and changing

    /** The header of a freshly formatted device: one keyslot, one digest, one dynamic segment. */
    static LuksHeader create(String uuid, String label, DataSegment segment, Keyslot keyslot, VolumeKeyDigest digest)
            throws LuksException {
        Map<String, Object> tree = new LinkedHashMap<>();
        Map<String, Object> keyslotsJson = new LinkedHashMap<>();
        keyslotsJson.put(Integer.toString(keyslot.id()), keyslot.toJson());
        tree.put("keyslots", keyslotsJson);
        tree.put("tokens", new LinkedHashMap<String, Object>());
        Map<String, Object> segments = new LinkedHashMap<>();
        segments.put(Integer.toString(segment.id()), segment.toJson());
        tree.put("segments", segments);
        Map<String, Object> digestsJson = new LinkedHashMap<>();
        digestsJson.put(Integer.toString(digest.id()), digest.toJson());
        tree.put("digests", digestsJson);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("json_size", Long.toString(DEFAULT_HEADER_SIZE - BinaryHeader.SIZE));
        config.put("keyslots_size", Long.toString(segment.offset() - 2L * DEFAULT_HEADER_SIZE));
        tree.put("config", config);
        return new LuksHeader(DEFAULT_HEADER_SIZE, 0, label, "", uuid, "sha256", tree, List.of());
    }

    /** This header with {@code keyslot} added (or replacing the keyslot of the same id), vouched for by {@code digestId}. */
    LuksHeader withKeyslot(Keyslot keyslot, int digestId) throws LuksException {
        Map<String, Object> tree = copyOfJson();
        String id = Integer.toString(keyslot.id());
        JsonFields.object(tree, "keyslots", "the JSON area").put(id, keyslot.toJson());
        Map<String, Object> digest = JsonFields.object(JsonFields.object(tree, "digests", "the JSON area"),
                Integer.toString(digestId), "digests");
        List<Object> ids = JsonFields.array(digest, "keyslots", "digest " + digestId);
        if (!ids.contains(id)) {
            ids.add(id);
        }
        return new LuksHeader(headerSize, sequenceId, label, subsystem, uuid, checksumAlgorithm, tree, List.of());
    }

    /** This header without keyslot {@code id}; digests and tokens stop referring to it. */
    LuksHeader withoutKeyslot(int id) throws LuksException {
        Map<String, Object> tree = copyOfJson();
        String key = Integer.toString(id);
        JsonFields.object(tree, "keyslots", "the JSON area").remove(key);
        for (String section : List.of("digests", "tokens")) {
            if (tree.get(section) instanceof Map<?, ?> objects) {
                for (Object object : objects.values()) {
                    if (object instanceof Map<?, ?> entry && entry.get("keyslots") instanceof List<?> ids) {
                        ids.remove(key);
                    }
                }
            }
        }
        return new LuksHeader(headerSize, sequenceId, label, subsystem, uuid, checksumAlgorithm, tree, List.of());
    }

    /** The lowest unused keyslot id. */
    int freeKeyslotId() throws LuksException {
        for (int id = 0; id < MAX_KEYSLOTS; id++) {
            if (!keyslots.containsKey(id)) {
                return id;
            }
        }
        throw new LuksException("all " + MAX_KEYSLOTS + " keyslots are in use; remove one first");
    }

    /** The lowest 4096-aligned free gap of {@code size} bytes in the keyslots area. */
    long freeArea(long size) throws LuksException {
        List<Keyslot> sorted = new ArrayList<>(keyslots.values());
        sorted.sort((a, b) -> Long.compare(a.areaOffset(), b.areaOffset()));
        long candidate = 2 * headerSize;
        for (Keyslot keyslot : sorted) {
            if (candidate + size <= keyslot.areaOffset()) {
                return candidate;
            }
            long end = keyslot.areaOffset() + keyslot.areaSize();
            candidate = Math.max(candidate, (end + Keyslot.AREA_ALIGNMENT - 1) / Keyslot.AREA_ALIGNMENT * Keyslot.AREA_ALIGNMENT);
        }
        if (candidate + size <= 2 * headerSize + keyslotsSize) {
            return candidate;
        }
        throw new LuksException("the keyslots area has no free space for another keyslot");
    }

    // ---------------------------------------------------------------- writing

    /** Writes both copies with the next sequence id; returns the header as now on disk. */
    LuksHeader write(BlockDevice raw, SecureRandom random) throws IOException {
        byte[] text = Json.write(json).getBytes(StandardCharsets.UTF_8);
        int areaSize = Math.toIntExact(headerSize - BinaryHeader.SIZE);
        if (text.length >= areaSize) {
            throw new LuksException("the LUKS2 metadata (" + text.length + " bytes) does not fit its " + areaSize + "-byte JSON area");
        }
        if (raw.sizeInBytes() < segment.offset()) {
            throw new LuksException("the device of " + raw.sizeInBytes() + " bytes is too small for this LUKS2 header");
        }
        byte[] jsonArea = new byte[areaSize];
        System.arraycopy(text, 0, jsonArea, 0, text.length);
        long next = sequenceId + 1;
        for (boolean secondary : new boolean[] {false, true}) {
            byte[] salt = new byte[BinaryHeader.SALT_LENGTH];
            random.nextBytes(salt);
            long offset = secondary ? headerSize : 0;
            BinaryHeader binary = new BinaryHeader(secondary, headerSize, next, label, checksumAlgorithm, salt, uuid,
                    subsystem, offset, new byte[0]);
            byte[] copy = new byte[Math.toIntExact(headerSize)];
            System.arraycopy(binary.encode(jsonArea), 0, copy, 0, BinaryHeader.SIZE);
            System.arraycopy(jsonArea, 0, copy, BinaryHeader.SIZE, areaSize);
            DeviceBytes.write(raw, offset, copy);
            // A crash between the copies leaves one valid copy: the old one or the new one.
            raw.flush();
        }
        return new LuksHeader(headerSize, next, label, subsystem, uuid, checksumAlgorithm, json, List.of());
    }

    private Map<String, Object> copyOfJson() throws LuksException {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) Json.parse(Json.write(json));
        return copy;
    }

    // ---------------------------------------------------------------- accessors

    long headerSize() {
        return headerSize;
    }

    long sequenceId() {
        return sequenceId;
    }

    String label() {
        return label;
    }

    String subsystem() {
        return subsystem;
    }

    String uuid() {
        return uuid;
    }

    long keyslotsSize() {
        return keyslotsSize;
    }

    SortedMap<Integer, Keyslot> keyslots() {
        return keyslots;
    }

    DataSegment segment() {
        return segment;
    }

    SortedMap<Integer, VolumeKeyDigest> digests() {
        return digests;
    }

    Map<String, Object> json() {
        return json;
    }

    /** Problems found and tolerated while reading (one copy unusable, copies out of step). */
    List<String> repairNotes() {
        return repairNotes;
    }

    /** The digest that vouches for keyslot {@code id} and the data segment. */
    VolumeKeyDigest digestFor(int keyslot) throws LuksException {
        for (VolumeKeyDigest digest : digests.values()) {
            if (digest.keyslots().contains(keyslot) && digest.segments().contains(segment.id())) {
                return digest;
            }
        }
        throw new LuksException("keyslot " + keyslot + " is not bound to the data segment by any digest");
    }

    /** The digest of the data segment's volume key. */
    VolumeKeyDigest segmentDigest() throws LuksException {
        for (VolumeKeyDigest digest : digests.values()) {
            if (digest.segments().contains(segment.id())) {
                return digest;
            }
        }
        throw new LuksException("LUKS2 metadata: no digest covers the data segment");
    }
}

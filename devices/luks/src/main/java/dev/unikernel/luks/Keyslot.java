package dev.unikernel.luks;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One LUKS2 keyslot ({@code keyslots} entry of type "luks2"): the volume key, split by the
 * anti-forensic splitter into {@code stripes} stripes, encrypted with a key derived from a
 * passphrase, stored in its own area of the keyslots area. The area is encrypted as cryptsetup
 * does it: {@code area.encryption} in 512-byte sectors whose IVs count from 0 at the area start.
 */
record Keyslot(int id, int keySize, KdfParameters kdf, int stripes, String afHash,
               long areaOffset, long areaSize, String areaEncryption, int areaKeySize, int priority) {

    /** cryptsetup's stripe count (LUKS_STRIPES). */
    static final int STRIPES = 4000;
    /** Keyslot areas are 4096-aligned, as cryptsetup allocates them. */
    static final int AREA_ALIGNMENT = 4096;
    /** Priority 0 ("ignore"): cryptsetup tries such a keyslot only when asked for it by number. */
    static final int PRIORITY_IGNORE = 0;

    private static final int AREA_SECTOR = 512;

    static Keyslot fromJson(int id, Map<String, Object> json) throws LuksException {
        String where = "keyslot " + id;
        String type = JsonFields.string(json, "type", where);
        if (type.equals("reencrypt")) {
            throw new LuksException(where + " records a reencryption in progress; finish it with cryptsetup first");
        }
        if (!type.equals("luks2")) {
            throw new LuksException(where + " has type \"" + type + "\"; only \"luks2\" keyslots are supported");
        }
        int keySize = JsonFields.integer(json, "key_size", where);
        Map<String, Object> af = JsonFields.object(json, "af", where);
        if (!"luks1".equals(JsonFields.string(af, "type", where + " af"))) {
            throw new LuksException(where + " uses an anti-forensic splitter other than \"luks1\"");
        }
        int stripes = JsonFields.integer(af, "stripes", where + " af");
        String afHash = JsonFields.string(af, "hash", where + " af");
        Map<String, Object> area = JsonFields.object(json, "area", where);
        if (!"raw".equals(JsonFields.string(area, "type", where + " area"))) {
            throw new LuksException(where + " has an area type other than \"raw\"");
        }
        String areaEncryption = JsonFields.string(area, "encryption", where + " area");
        int areaKeySize = JsonFields.integer(area, "key_size", where + " area");
        CipherSpec.requireSupported(areaEncryption, areaKeySize, where + " area");
        long areaOffset = JsonFields.decimal(area, "offset", where + " area");
        long areaSize = JsonFields.decimal(area, "size", where + " area");
        if (keySize < 1 || keySize > 512 || stripes < 1 || stripes > 100_000) {
            throw new LuksException(where + " has key size " + keySize + " and " + stripes + " stripes, out of range");
        }
        if (areaSize > Long.MAX_VALUE - areaOffset) {
            throw new LuksException(where + " area of " + areaSize + " bytes at " + areaOffset + " ends past 2^63");
        }
        if (areaSize < materialSize(keySize, stripes) || areaOffset % AREA_SECTOR != 0) {
            throw new LuksException(where + " area of " + areaSize + " bytes at " + areaOffset
                    + " cannot hold " + stripes + " stripes of " + keySize + " bytes");
        }
        int priority = json.get("priority") instanceof Long p ? p.intValue() : 1;
        return new Keyslot(id, keySize, KdfParameters.fromJson(JsonFields.object(json, "kdf", where), where + " kdf"),
                stripes, afHash, areaOffset, areaSize, areaEncryption, areaKeySize, priority);
    }

    /** Bytes of split key material: whole 512-byte sectors. */
    static long materialSize(int keySize, int stripes) {
        long bytes = (long) keySize * stripes;
        return (bytes + AREA_SECTOR - 1) / AREA_SECTOR * AREA_SECTOR;
    }

    /** The area cryptsetup reserves for such a keyslot (258048 bytes for a 512-bit key). */
    static long areaSizeFor(int keySize) {
        long material = materialSize(keySize, STRIPES);
        return (material + AREA_ALIGNMENT - 1) / AREA_ALIGNMENT * AREA_ALIGNMENT;
    }

    /** The key this keyslot stores if {@code passphrase} is its passphrase, else unrelated bytes. */
    byte[] unlock(BlockDevice raw, byte[] passphrase) throws IOException {
        int materialSize = Math.toIntExact(materialSize(keySize, stripes));
        byte[] material = DeviceBytes.read(raw, areaOffset, materialSize);
        byte[] areaKey = null;
        XtsAes cipher = null;
        try {
            areaKey = kdf.derive(passphrase, areaKeySize);
            cipher = new XtsAes(areaKey);
            cipher.decrypt(material, 0, material, 0, materialSize, AREA_SECTOR, 0, 1);
            return AntiForensicSplitter.merge(material, keySize, stripes, afHash);
        } finally {
            if (cipher != null) {
                cipher.destroy();
            }
            KeyMaterial.wipe(areaKey);
            Arrays.fill(material, (byte) 0);
        }
    }

    /** Writes a new keyslot holding {@code volumeKey} under {@code passphrase} into its area. */
    static Keyslot store(BlockDevice raw, int id, byte[] volumeKey, byte[] passphrase, KdfParameters kdf,
                         long areaOffset, long areaSize, SecureRandom random) throws IOException {
        int keySize = volumeKey.length;
        Keyslot keyslot = new Keyslot(id, keySize, kdf, STRIPES, "sha256", areaOffset, areaSize,
                CipherSpec.AES_XTS_PLAIN64, keySize, 1);
        byte[] area = new byte[Math.toIntExact(areaSize)];
        byte[] material = AntiForensicSplitter.split(volumeKey, STRIPES, "sha256", random);
        byte[] areaKey = kdf.derive(passphrase, keySize);
        XtsAes cipher = new XtsAes(areaKey);
        try {
            int materialSize = Math.toIntExact(materialSize(keySize, STRIPES));
            System.arraycopy(material, 0, area, 0, material.length);
            cipher.encrypt(area, 0, area, 0, materialSize, AREA_SECTOR, 0, 1);
            DeviceBytes.write(raw, areaOffset, area);
        } finally {
            cipher.destroy();
            Arrays.fill(areaKey, (byte) 0);
            Arrays.fill(material, (byte) 0);
        }
        return keyslot;
    }

    /** JSON for a keyslot we created, in cryptsetup's field order. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "luks2");
        json.put("key_size", (long) keySize);
        Map<String, Object> af = new LinkedHashMap<>();
        af.put("type", "luks1");
        af.put("stripes", (long) stripes);
        af.put("hash", afHash);
        json.put("af", af);
        Map<String, Object> area = new LinkedHashMap<>();
        area.put("type", "raw");
        area.put("offset", Long.toString(areaOffset));
        area.put("size", Long.toString(areaSize));
        area.put("encryption", areaEncryption);
        area.put("key_size", (long) areaKeySize);
        json.put("area", area);
        json.put("kdf", kdf.toJson());
        return json;
    }
}

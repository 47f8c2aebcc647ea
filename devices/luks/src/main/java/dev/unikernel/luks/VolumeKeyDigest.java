package dev.unikernel.luks;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The check that a key recovered from a keyslot is the volume key ({@code digests} entry of type
 * "pbkdf2"): PBKDF2 of the volume key with its own salt and iteration count, compared with the
 * stored value. It names the keyslots and segments it vouches for.
 */
record VolumeKeyDigest(int id, List<Integer> keyslots, List<Integer> segments, String hash, int iterations,
                       byte[] salt, byte[] digest) {

    static VolumeKeyDigest fromJson(int id, Map<String, Object> json) throws LuksException {
        String where = "digest " + id;
        String type = JsonFields.string(json, "type", where);
        if (!type.equals("pbkdf2")) {
            throw new LuksException(where + " has type \"" + type + "\"; only \"pbkdf2\" digests are supported");
        }
        int iterations = JsonFields.integer(json, "iterations", where);
        byte[] digest = JsonFields.base64(json, "digest", where);
        if (iterations < 1 || digest.length < 20 || digest.length > 64) {
            throw new LuksException(where + " has an invalid iteration count or digest length");
        }
        return new VolumeKeyDigest(id, ids(JsonFields.array(json, "keyslots", where), where),
                ids(JsonFields.array(json, "segments", where), where), JsonFields.string(json, "hash", where),
                iterations, JsonFields.base64(json, "salt", where), digest);
    }

    /** A new digest of {@code volumeKey} for keyslot 0 and segment 0. */
    static VolumeKeyDigest create(byte[] volumeKey, byte[] salt, int iterations) throws LuksException {
        byte[] digest = Pbkdf2.derive("sha256", volumeKey, salt, iterations, 32);
        return new VolumeKeyDigest(0, List.of(0), List.of(0), "sha256", iterations, salt, digest);
    }

    boolean matches(byte[] candidateKey) throws LuksException {
        byte[] computed = Pbkdf2.derive(hash, candidateKey, salt, iterations, digest.length);
        try {
            return MessageDigest.isEqual(computed, digest);
        } finally {
            KeyMaterial.wipe(computed);
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "pbkdf2");
        json.put("keyslots", strings(keyslots));
        json.put("segments", strings(segments));
        json.put("hash", hash);
        json.put("iterations", (long) iterations);
        json.put("salt", JsonFields.encodeBase64(salt));
        json.put("digest", JsonFields.encodeBase64(digest));
        return json;
    }

    private static List<Object> strings(List<Integer> ids) {
        List<Object> list = new ArrayList<>();
        for (int id : ids) {
            list.add(Integer.toString(id));
        }
        return list;
    }

    private static List<Integer> ids(List<Object> values, String where) throws LuksException {
        List<Integer> ids = new ArrayList<>();
        for (Object value : values) {
            if (!(value instanceof String text)) {
                throw new LuksException("LUKS2 metadata: " + where + " lists a non-string id");
            }
            ids.add(JsonFields.id(text, where + " reference"));
        }
        return List.copyOf(ids);
    }
}

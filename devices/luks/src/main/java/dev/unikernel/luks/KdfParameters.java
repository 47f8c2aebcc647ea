package dev.unikernel.luks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A keyslot's passphrase-to-key function with its stored costs and salt: the {@code kdf} object of
 * a LUKS2 keyslot.
 */
sealed interface KdfParameters permits KdfParameters.Pbkdf2Parameters, KdfParameters.Argon2Parameters {

    /** cryptsetup salts every keyslot with 32 random bytes. */
    int SALT_LENGTH = 32;

    /** Derives {@code length} key bytes from the passphrase. */
    byte[] derive(byte[] passphrase, int length) throws LuksException;

    /** The JSON object, with fields in cryptsetup's order. */
    Map<String, Object> toJson();

    /** "pbkdf2", "argon2i" or "argon2id". */
    String type();

    static KdfParameters fromJson(Map<String, Object> kdf, String where) throws LuksException {
        String type = JsonFields.string(kdf, "type", where);
        byte[] salt = JsonFields.base64(kdf, "salt", where);
        switch (type) {
            case "pbkdf2" -> {
                int iterations = JsonFields.integer(kdf, "iterations", where);
                if (iterations < 1) {
                    throw new LuksException("LUKS2 metadata: " + where + ": pbkdf2 iterations must be positive");
                }
                return new Pbkdf2Parameters(JsonFields.string(kdf, "hash", where), iterations, salt);
            }
            case "argon2i", "argon2id" -> {
                int time = JsonFields.integer(kdf, "time", where);
                int memory = JsonFields.integer(kdf, "memory", where);
                int cpus = JsonFields.integer(kdf, "cpus", where);
                // The limits cryptsetup enforces (lib/crypto_backend/pbkdf_check.c), widened to what Argon2 itself allows.
                if (time < 1 || memory < 8 || memory > 4 * 1024 * 1024 || cpus < 1 || cpus > 16 || memory < 8 * cpus) {
                    throw new LuksException("LUKS2 metadata: " + where + ": " + type + " costs out of range (time " + time
                            + ", memory " + memory + " KiB, cpus " + cpus + ")");
                }
                return new Argon2Parameters(type.equals("argon2id"), time, memory, cpus, salt);
            }
            default -> throw new LuksException("LUKS2 metadata: " + where + ": unsupported key derivation \"" + type
                    + "\" (pbkdf2, argon2i and argon2id are supported)");
        }
    }

    record Pbkdf2Parameters(String hash, int iterations, byte[] salt) implements KdfParameters {

        @Override
        public byte[] derive(byte[] passphrase, int length) throws LuksException {
            return Pbkdf2.derive(hash, passphrase, salt, iterations, length);
        }

        @Override
        public String type() {
            return "pbkdf2";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "pbkdf2");
            json.put("hash", hash);
            json.put("iterations", (long) iterations);
            json.put("salt", JsonFields.encodeBase64(salt));
            return json;
        }
    }

    record Argon2Parameters(boolean argon2id, int time, int memoryKiB, int cpus, byte[] salt) implements KdfParameters {

        @Override
        public byte[] derive(byte[] passphrase, int length) throws LuksException {
            return Argon2.derive(argon2id, passphrase, salt, time, memoryKiB, cpus, length);
        }

        @Override
        public String type() {
            return argon2id ? "argon2id" : "argon2i";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", type());
            json.put("time", (long) time);
            json.put("memory", (long) memoryKiB);
            json.put("cpus", (long) cpus);
            json.put("salt", JsonFields.encodeBase64(salt));
            return json;
        }
    }
}

package dev.unikernel.luks;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Typed, checked access to fields of the parsed LUKS2 JSON, so a malformed header fails with a
 * message that names the object and field ("keyslot 1: field "area.offset" ...").
 */
final class JsonFields {

    private JsonFields() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> parent, String field, String where) throws LuksException {
        Object value = require(parent, field, where);
        if (!(value instanceof Map<?, ?>)) {
            throw invalid(where, field, "is not an object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Map<String, Object> parent, String field, String where) throws LuksException {
        Object value = require(parent, field, where);
        if (!(value instanceof List<?>)) {
            throw invalid(where, field, "is not an array");
        }
        return (List<Object>) value;
    }

    static String string(Map<String, Object> parent, String field, String where) throws LuksException {
        Object value = require(parent, field, where);
        if (!(value instanceof String string)) {
            throw invalid(where, field, "is not a string");
        }
        return string;
    }

    /** A JSON integer in the int range, as LUKS2 stores sizes of keys, iterations and costs. */
    static int integer(Map<String, Object> parent, String field, String where) throws LuksException {
        Object value = require(parent, field, where);
        if (!(value instanceof Long number) || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw invalid(where, field, "is not a 32-bit integer");
        }
        return number.intValue();
    }

    /** An unsigned 64-bit integer written as a decimal string, as LUKS2 stores offsets and sizes. */
    static long decimal(Map<String, Object> parent, String field, String where) throws LuksException {
        String text = string(parent, field, where);
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(where, field, "is not a decimal number below 2^63: \"" + text + "\"");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            // 19 digits can still pass 2^63 - 1.
            throw invalid(where, field, "is not a decimal number below 2^63: \"" + text + "\"");
        }
    }

    static byte[] base64(Map<String, Object> parent, String field, String where) throws LuksException {
        String text = string(parent, field, where);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid(where, field, "is not base64");
        }
    }

    static String encodeBase64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A key of the keyslots, segments, digests or tokens objects: a small decimal number. */
    static int id(String key, String kind) throws LuksException {
        if (key.isEmpty() || key.length() > 9 || !key.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new LuksException("LUKS2 metadata: " + kind + " id \"" + key + "\" is not a number");
        }
        return Integer.parseInt(key);
    }

    private static Object require(Map<String, Object> parent, String field, String where) throws LuksException {
        Object value = parent.get(field);
        if (value == null) {
            throw new LuksException("LUKS2 metadata: " + where + " has no field \"" + field + "\"");
        }
        return value;
    }

    private static LuksException invalid(String where, String field, String problem) {
        return new LuksException("LUKS2 metadata: " + where + ": field \"" + field + "\" " + problem);
    }
}

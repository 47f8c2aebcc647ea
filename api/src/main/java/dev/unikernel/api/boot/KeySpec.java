package dev.unikernel.api.boot;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One runtime key as a value: its name, type, default (null for none), whether it may be absent,
 * and its one-line doc. Generated {@code Main} classes list these; runtimes read and print them.
 */
public record KeySpec(String name, KeyType type, String defaultValue, boolean optional, String doc) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public KeySpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("key name '" + name
                    + "' must be lower case words of letters and digits joined by '-', like 'create-size'");
        }
        if (type == KeyType.SECRET && defaultValue != null) {
            throw new IllegalArgumentException("secret key '" + name + "' cannot have a default value");
        }
        if (defaultValue != null && optional) {
            throw new IllegalArgumentException("key '" + name + "' has a default, so it cannot also be optional");
        }
        if (defaultValue != null) {
            type.parse(defaultValue);
        }
    }

    /** A key that must be given. */
    public static KeySpec required(String name, KeyType type, String doc) {
        return new KeySpec(name, type, null, false, doc);
    }

    /** A key with a default value. */
    public static KeySpec withDefault(String name, KeyType type, String defaultValue, String doc) {
        return new KeySpec(name, type, defaultValue, false, doc);
    }

    /** A key that may be absent (an {@code Optional} parameter). */
    public static KeySpec optional(String name, KeyType type, String doc) {
        return new KeySpec(name, type, null, true, doc);
    }

    /** True when the key must be given: no default and not optional. */
    public boolean isRequired() {
        return defaultValue == null && !optional;
    }

    /** True for secrets: never taken from a command line. */
    public boolean isSecret() {
        return type == KeyType.SECRET;
    }

    /** The environment variable spelling: {@code create-size} becomes {@code UNIKERNEL_CREATE_SIZE}. */
    public String environmentName() {
        return "UNIKERNEL_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}

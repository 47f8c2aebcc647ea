package dev.unikernel.api.boot;

import dev.unikernel.api.ByteSize;
import dev.unikernel.api.Secret;
import java.nio.file.Path;
import java.util.Locale;

/** The value types a runtime key can have, with their parsers. */
public enum KeyType {
    STRING(String.class, "TEXT"),
    INT(Integer.class, "NUMBER"),
    LONG(Long.class, "NUMBER"),
    BOOLEAN(Boolean.class, "true|false"),
    PATH(Path.class, "PATH"),
    SIZE(ByteSize.class, "SIZE"),
    SECRET(Secret.class, "SECRET");

    private final Class<?> javaType;
    private final String placeholder;

    KeyType(Class<?> javaType, String placeholder) {
        this.javaType = javaType;
        this.placeholder = placeholder;
    }

    /** The boxed Java type of values of this key type. */
    public Class<?> javaType() {
        return javaType;
    }

    /** What help output shows as the value, e.g. {@code --port=NUMBER}. */
    public String placeholder() {
        return placeholder;
    }

    /** The key type for a Java parameter type, or null when keys cannot have that type. */
    public static KeyType forJavaType(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return INT;
        }
        if (type == long.class || type == Long.class) {
            return LONG;
        }
        if (type == boolean.class || type == Boolean.class) {
            return BOOLEAN;
        }
        for (KeyType keyType : values()) {
            if (keyType.javaType == type) {
                return keyType;
            }
        }
        return null;
    }

    /** Parses a non-secret value; IllegalArgumentException with a message fit for the user. */
    Object parse(String text) {
        return switch (this) {
            case STRING -> text;
            case INT -> parseNumber(text, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
            case LONG -> parseNumber(text, Long.MIN_VALUE, Long.MAX_VALUE);
            case BOOLEAN -> parseBoolean(text);
            case PATH -> {
                if (text.isEmpty() || text.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("not a path: '" + text + "'");
                }
                yield Path.of(text);
            }
            case SIZE -> ByteSize.parse(text);
            case SECRET -> throw new IllegalStateException("secrets are not parsed from text");
        };
    }

    private static Long parseNumber(String text, long min, long max) {
        try {
            long value = Long.parseLong(text.trim());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number from " + min + " to " + max + ": '" + text + "'");
        }
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not true or false: '" + text + "'");
        };
    }
}

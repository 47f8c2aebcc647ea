package dev.unikernel.api.boot;

import dev.unikernel.api.ByteSize;
import dev.unikernel.api.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The typed values of every declared key, checked all at once at boot. */
public final class KeyValues {

    private final Map<String, KeySpec> specs;
    private final Map<String, Object> values;

    private KeyValues(Map<String, KeySpec> specs, Map<String, Object> values) {
        this.specs = specs;
        this.values = values;
    }

    /** Reads and parses every key from {@code source}; all problems are reported together. */
    public static KeyValues read(List<KeySpec> declared, KeySource source) throws KeyException, IOException {
        Map<String, KeySpec> specs = new LinkedHashMap<>();
        for (KeySpec spec : declared) {
            if (specs.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("key '" + spec.name() + "' is declared twice");
            }
        }
        Map<String, String> given = source.values(declared);
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (KeySpec spec : declared) {
            if (spec.isSecret()) {
                Secret secret = source.secret(spec);
                if (secret != null) {
                    values.put(spec.name(), secret);
                } else if (spec.isRequired()) {
                    problems.add("missing required key " + source.spelling(spec) + ": " + spec.doc());
                }
                continue;
            }
            String text = given.get(spec.name());
            if (text == null) {
                text = spec.defaultValue();
            }
            if (text == null) {
                if (spec.isRequired()) {
                    problems.add("missing required key " + source.spelling(spec) + ": " + spec.doc());
                }
                continue;
            }
            try {
                values.put(spec.name(), spec.type().parse(text));
            } catch (IllegalArgumentException e) {
                problems.add("key " + source.spelling(spec) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            values.values().forEach(v -> {
                if (v instanceof Secret s) {
                    s.close();
                }
            });
            throw new KeyException(problems);
        }
        return new KeyValues(specs, values);
    }

    public String string(String name) {
        return get(name, String.class);
    }

    public int integer(String name) {
        return get(name, Integer.class);
    }

    public long longValue(String name) {
        return get(name, Long.class);
    }

    public boolean bool(String name) {
        return get(name, Boolean.class);
    }

    public Path path(String name) {
        return get(name, Path.class);
    }

    public ByteSize size(String name) {
        return get(name, ByteSize.class);
    }

    public Secret secret(String name) {
        return get(name, Secret.class);
    }

    /** The value of an optional key, empty when it was not given. */
    public <T> Optional<T> optional(String name, Class<T> type) {
        KeySpec spec = spec(name, type);
        return Optional.ofNullable(type.cast(values.get(spec.name())));
    }

    /** Wipes every secret value. */
    public void wipeSecrets() {
        values.values().forEach(v -> {
            if (v instanceof Secret s) {
                s.close();
            }
        });
    }

    private <T> T get(String name, Class<T> type) {
        KeySpec spec = spec(name, type);
        Object value = values.get(spec.name());
        if (value == null) {
            throw new IllegalStateException("key '" + name + "' has no value: declare it optional and use optional()");
        }
        return type.cast(value);
    }

    private KeySpec spec(String name, Class<?> type) {
        KeySpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no key named '" + name + "' is declared");
        }
        if (spec.type().javaType() != type) {
            throw new IllegalArgumentException("key '" + name + "' is a " + spec.type() + ", not a " + type.getSimpleName());
        }
        return spec;
    }
}

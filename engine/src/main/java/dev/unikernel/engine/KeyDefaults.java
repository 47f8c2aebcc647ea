package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Key defaults set at configure time, as mirage's {@code configure --key=value}: entries
 * {@code key=value} for every target or {@code target:key=value} for one, from the plugin's
 * {@code <keyDefaults>}. The value becomes the key's default in the generated Main; it can still be
 * given at run time.
 */
public record KeyDefaults(List<Entry> entries) {

    /** One {@code [target:]key=value} entry; {@code target} is null for all targets. */
    public record Entry(String target, String key, String value, String text) {
    }

    public KeyDefaults {
        entries = List.copyOf(entries);
    }

    public static KeyDefaults none() {
        return new KeyDefaults(List.of());
    }

    /** Parses the entries; a malformed one or an unknown target is an error naming {@code <keyDefaults>}. */
    public static KeyDefaults parse(List<String> texts) throws UnikernelException {
        List<Entry> entries = new ArrayList<>();
        for (String text : texts) {
            String trimmed = text.trim();
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new UnikernelException("<keyDefault>" + text + "</keyDefault> must read key=value or target:key=value");
            }
            String left = trimmed.substring(0, equals);
            String target = null;
            int colon = left.indexOf(':');
            if (colon >= 0) {
                target = Targets.find(left.substring(0, colon)).name();
                left = left.substring(colon + 1);
            }
            entries.add(new Entry(target, left.trim(), trimmed.substring(equals + 1), text));
        }
        return new KeyDefaults(entries);
    }

    /** The keys with this target's defaults applied; an entry naming no key, or a secret, is an error. */
    List<KeySpec> apply(List<KeySpec> keys, Target target) throws UnikernelException {
        List<KeySpec> result = new ArrayList<>(keys);
        for (Entry entry : entries) {
            int index = indexOf(result, entry.key());
            if (index < 0) {
                throw new UnikernelException("<keyDefault>" + entry.text() + "</keyDefault> names no key of this application;"
                        + " its keys are " + result.stream().map(KeySpec::name).toList());
            }
            if (entry.target() != null && !entry.target().equals(target.name())) {
                continue;
            }
            KeySpec key = result.get(index);
            if (key.isSecret()) {
                throw new UnikernelException("<keyDefault>" + entry.text() + "</keyDefault>: key " + key.name()
                        + " is secret and cannot have a value in the build configuration");
            }
            try {
                result.set(index, new KeySpec(key.name(), key.type(), entry.value(), false, key.doc()));
            } catch (IllegalArgumentException e) {
                throw new UnikernelException("<keyDefault>" + entry.text() + "</keyDefault>: " + e.getMessage());
            }
        }
        return result;
    }

    private static int indexOf(List<KeySpec> keys, String name) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}

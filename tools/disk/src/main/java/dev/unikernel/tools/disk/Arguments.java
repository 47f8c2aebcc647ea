package dev.unikernel.tools.disk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: positional words, boolean flags ({@code -r}, {@code --luks}) and options
 * with a value ({@code --size 64M} or {@code --size=64M}). Which words are flags is declared up front,
 * so every other {@code --name} takes the next word as its value.
 */
final class Arguments {

    private final List<String> positional = new ArrayList<>();
    private final Set<String> flags = new HashSet<>();
    private final Map<String, String> options = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    static Arguments parse(List<String> words, Set<String> booleanFlags) throws UsageException {
        Arguments a = new Arguments();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--")) {
                a.positional.addAll(words.subList(i + 1, words.size()));
                break;
            }
            if (w.startsWith("-") && w.length() > 1) {
                int eq = w.indexOf('=');
                String name = eq > 0 ? w.substring(0, eq) : w;
                if (booleanFlags.contains(name)) {
                    if (eq > 0) {
                        throw new UsageException(name + " takes no value");
                    }
                    a.flags.add(name);
                } else if (eq > 0) {
                    a.options.put(name, w.substring(eq + 1));
                } else if (name.startsWith("--") && i + 1 < words.size()) {
                    a.options.put(name, words.get(++i));
                } else {
                    throw new UsageException("unknown option " + w);
                }
            } else {
                a.positional.add(w);
            }
        }
        return a;
    }

    /** The positional words, after checking their number. */
    List<String> positional(int min, int max, String usage) throws UsageException {
        if (positional.size() < min || positional.size() > max) {
            throw new UsageException("usage: " + usage);
        }
        return positional;
    }

    boolean flag(String name) {
        used.add(name);
        return flags.contains(name);
    }

    String option(String name, String fallback) {
        used.add(name);
        return options.getOrDefault(name, fallback);
    }

    /** Refuses options a command did not ask about, so typos do not pass silently. */
    void checkAllUsed() throws UsageException {
        for (String name : options.keySet()) {
            if (!used.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
        }
        for (String name : flags) {
            if (!used.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
        }
    }
}

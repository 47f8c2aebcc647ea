package dev.unikernel.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The targets on the plugin's class path, by name, found with {@link ServiceLoader}: the built-in
 * unix, vm and oci, and those of jars added to the plugin's {@code <dependencies>} (Maven puts those
 * in the plugin's class loader). The engine keeps no list of its own.
 */
public final class Targets {

    private static Map<String, Target> loaded;

    private Targets() {
    }

    private static synchronized Map<String, Target> targets() {
        if (loaded == null) {
            loaded = load(Targets.class.getClassLoader());
        }
        return loaded;
    }

    /** The targets {@code loader} sees, by name. */
    static Map<String, Target> load(ClassLoader loader) {
        List<Target> found = new ArrayList<>();
        try {
            ServiceLoader.load(Target.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a target on the plugin's class path cannot be loaded: " + e.getMessage(), e);
        }
        Map<String, Target> byName = new LinkedHashMap<>();
        for (Target target : found) {
            Target previous = byName.putIfAbsent(target.name(), target);
            if (previous != null && previous.getClass() != target.getClass()) {
                throw new IllegalStateException("two targets are called " + target.name() + ": "
                        + previous.getClass().getName() + " and " + target.getClass().getName()
                        + "; remove one of their jars from the plugin's dependencies");
            }
        }
        return byName;
    }

    /** Every target name: the built-in ones (unix, vm, oci), then those added, in class path order. */
    public static List<String> names() {
        return List.copyOf(targets().keySet());
    }

    /** The target called {@code name}; unknown names fail with the list of valid ones. */
    public static Target find(String name) throws UnknownTargetException {
        Target target = targets().get(name.trim().toLowerCase(Locale.ROOT));
        if (target == null) {
            throw new UnknownTargetException(name, names());
        }
        return target;
    }

    /** Parses {@code unix} or {@code unix,vm,oci} into targets, in the order given, without repeats. */
    public static List<Target> parseList(String names) throws UnknownTargetException {
        List<Target> chosen = new ArrayList<>();
        for (String name : names.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            Target target = find(name);
            if (!chosen.contains(target)) {
                chosen.add(target);
            }
        }
        if (chosen.isEmpty()) {
            throw new UnknownTargetException(names, names());
        }
        return chosen;
    }
}

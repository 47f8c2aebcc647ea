package dev.unikernel.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The catalogue of targets, by name. */
public final class Targets {

    private static final Map<String, Target> TARGETS = new LinkedHashMap<>();

    static {
        register(new UnixTarget());
        register(new VmTarget());
        register(new OciTarget());
    }

    private Targets() {
    }

    private static void register(Target target) {
        TARGETS.put(target.name(), target);
    }

    /** Every target name, built or not: unix, vm, oci. */
    public static List<String> names() {
        return List.copyOf(TARGETS.keySet());
    }


    /** The target called {@code name}; unknown names fail with the list of valid ones. */
    public static Target find(String name) throws UnknownTargetException {
        Target target = TARGETS.get(name.trim().toLowerCase(Locale.ROOT));
        if (target == null) {
            throw new UnknownTargetException(name, names());
        }
        return target;
    }

    /** Parses {@code unix} or {@code unix,vm,oci} into targets, in the order given, without repeats. */
    public static List<Target> parseList(String names) throws UnknownTargetException {
        List<Target> targets = new ArrayList<>();
        for (String name : names.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            Target target = find(name);
            if (!targets.contains(target)) {
                targets.add(target);
            }
        }
        if (targets.isEmpty()) {
            throw new UnknownTargetException(names, names());
        }
        return targets;
    }
}

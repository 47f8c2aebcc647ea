package dev.unikernel.engine;

import java.util.List;

/**
 * Choices the user makes in the plugin configuration.
 *
 * @param jlink         bundle a jlink'ed Java runtime (true) or use the Java found at run time
 * @param extraModules  modules to add to the jlink'ed runtime beyond those jdeps finds
 * @param javaOptions   JVM options written into launchers; one that starts with a target's name and a
 *                      colon ({@code unix:-Xmx256m}) is for that target only
 * @param vm            the vm target's parameters
 * @param oci           the oci target's parameters
 * @param aotTraining   the unix target's AOT cache training run ({@link AotTraining#none()}: no cache)
 */
public record BuildOptions(boolean jlink, List<String> extraModules, List<String> javaOptions, VmOptions vm,
        OciOptions oci, AotTraining aotTraining) {

    /** Options without an AOT cache. */
    public BuildOptions(boolean jlink, List<String> extraModules, List<String> javaOptions, VmOptions vm,
            OciOptions oci) {
        this(jlink, extraModules, javaOptions, vm, oci, AotTraining.none());
    }

    public BuildOptions {
        extraModules = List.copyOf(extraModules);
        javaOptions = List.copyOf(javaOptions);
    }

    /**
     * The JVM options for {@code target}: those without a target prefix, and those with its own
     * (without the prefix). A VM sizes its heap from its RAM, a host program from the host's: one
     * {@code -Xmx} rarely fits both.
     */
    public List<String> javaOptions(String target) {
        List<String> chosen = new java.util.ArrayList<>();
        for (String option : javaOptions) {
            int colon = option.indexOf(':');
            String prefix = colon > 0 && !option.startsWith("-") ? option.substring(0, colon) : null;
            if (prefix == null) {
                chosen.add(option);
            } else if (!Targets.names().contains(prefix)) {
                throw new IllegalArgumentException("<javaOption> '" + option + "': '" + prefix
                        + "' is no target; write " + String.join(", ", Targets.names().stream()
                                .map(name -> name + ":" + option.substring(colon + 1)).toList())
                        + ", or the option alone for every target");
            } else if (prefix.equals(target)) {
                chosen.add(option.substring(colon + 1));
            }
        }
        return List.copyOf(chosen);
    }

    public static BuildOptions defaults() {
        return new BuildOptions(true, List.of(), List.of(), VmOptions.defaults(), OciOptions.defaults());
    }
}

package dev.unikernel.engine;

import java.util.List;

/**
 * Choices the user makes in the plugin configuration.
 *
 * @param jlink         bundle a jlink'ed Java runtime (true) or use the Java found at run time
 * @param extraModules  modules to add to the jlink'ed runtime beyond those jdeps finds
 * @param javaOptions   JVM options written into launchers
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

    public static BuildOptions defaults() {
        return new BuildOptions(true, List.of(), List.of(), VmOptions.defaults(), OciOptions.defaults());
    }
}

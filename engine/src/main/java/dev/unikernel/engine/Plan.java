package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What configure will do for one target, computed before anything is written: the device graph,
 * every runtime key, the constructor arguments in order, and the generated {@code Main}.
 *
 * @param applicationName the program's name ({@code bin/<name>}, the VM and image name)
 * @param target          the chosen target
 * @param graph           devices and keys
 * @param keys            every runtime key: the application's, then the devices'
 * @param arguments       the constructor argument expressions, in parameter order
 * @param files           directories baked into the program's image, by the name of the device that
 *                        reads them ({@code <files>}): the vm and oci targets place each at
 *                        {@code /files/<device>}
 */
public record Plan(String applicationName, Target target, DeviceGraph graph, List<KeySpec> keys,
        List<String> arguments, Map<String, Path> files) {

    /** Where the vm and oci targets place the directory baked for {@code device}. */
    public static String filesPath(String device) {
        return "/files/" + device;
    }

    /** The generated class, fully qualified. */
    public static final String MAIN_CLASS = "unikernel.Main";

    /**
     * The device that takes the program's command-line words (the {@code Arguments} device), or
     * null: with one, the boot reads no key from the words.
     */
    public DeviceGraph.DeviceNode argumentsDevice() {
        return graph.devices().stream().filter(d -> d.provider().takesArguments()).findFirst().orElse(null);
    }

    public Plan {
        keys = List.copyOf(keys);
        arguments = List.copyOf(arguments);
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }
}

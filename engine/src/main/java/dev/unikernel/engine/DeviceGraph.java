package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import java.util.List;

/**
 * The application and what it is connected to: every device of every stack with the provider chosen
 * for it, its dependencies and its keys, and the application's own keys. Devices are listed in the
 * order they are opened: each after the devices it needs.
 */
public record DeviceGraph(String entryClass, List<DeviceNode> devices, List<KeySpec> applicationKeys) {

    public DeviceGraph {
        devices = List.copyOf(devices);
        applicationKeys = List.copyOf(applicationKeys);
    }

    /** The device called {@code name}, or null. */
    public DeviceNode device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * One device.
     *
     * @param name         its name (keys say {@code {device}} for it)
     * @param provider     the provider chosen for it
     * @param stack        the stack it heads, as configure composed it: {@code fat(luks(file))}
     * @param variable     its name in the generated code
     * @param arguments    the factory's argument expressions, in parameter order
     * @param dependencies the names of the devices it is given, in parameter order
     * @param keys         the runtime keys its provider reads
     * @param scope        the deferred device whose thread opens it, or null when opened at start
     * @param deferred     the application takes it as a {@code Deferred}: it heads a scope of its own
     */
    public record DeviceNode(String name, ProviderSpec provider, String stack, String variable, List<String> arguments,
            List<String> dependencies, List<KeySpec> keys, String scope, boolean deferred) {

        public DeviceNode {
            arguments = List.copyOf(arguments);
            dependencies = List.copyOf(dependencies);
            keys = List.copyOf(keys);
        }

        /** The contract's simple name, as generated code declares the variable. */
        public String contractName() {
            return ParameterReader.simpleName(provider.contract());
        }

        DeviceNode inScope(String scope, boolean deferred) {
            return new DeviceNode(name, provider, stack, variable, arguments, dependencies, keys, scope, deferred);
        }
    }
}

package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import java.util.List;

/**
 * The application and what it is connected to: each device with the implementation the target
 * chose and the keys that device reads, and the application's own keys. Devices are listed in the
 * order they are connected.
 */
public record DeviceGraph(String entryClass, List<DeviceNode> devices, List<KeySpec> applicationKeys) {

    public DeviceGraph {
        devices = List.copyOf(devices);
        applicationKeys = List.copyOf(applicationKeys);
    }

    /** One connected device. {@code variable} is its name in the generated code. */
    public record DeviceNode(String name, DeviceType type, String variable, DeviceBinding binding) {
    }
}

package dev.unikernel.engine;

/** The device contracts of the api module that targets implement, with each one's default name. */
public enum DeviceType {
    BLOCK("dev.unikernel.api.BlockDevice", "disk"),
    DISK("dev.unikernel.api.Disk", "disk"),
    NETWORK("dev.unikernel.api.Network", "net"),
    CLOCK("dev.unikernel.api.Clock", "clock"),
    ENTROPY("dev.unikernel.api.Entropy", "entropy");

    private final String interfaceName;
    private final String defaultName;

    DeviceType(String interfaceName, String defaultName) {
        this.interfaceName = interfaceName;
        this.defaultName = defaultName;
    }

    /** The fully qualified name of the contract interface. */
    public String interfaceName() {
        return interfaceName;
    }

    /** The interface's simple name, as generated code writes it. */
    public String simpleName() {
        return interfaceName.substring(interfaceName.lastIndexOf('.') + 1);
    }

    /** The name a device of this type gets when the parameter carries none. */
    public String defaultName() {
        return defaultName;
    }

    /** The device type for a parameter type name, or null when it is not a device contract. */
    public static DeviceType forInterface(String typeName) {
        for (DeviceType type : values()) {
            if (type.interfaceName.equals(typeName)) {
                return type;
            }
        }
        return null;
    }
}

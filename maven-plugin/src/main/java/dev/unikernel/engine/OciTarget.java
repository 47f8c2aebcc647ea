package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import java.util.List;

/**
 * The oci target: an OCI image. A container is a Linux process, so the devices are the unix
 * runtime's; what differs is the boot (keys from the environment, mounted secrets) and the defaults:
 * disks live in the {@code /data} volume and servers listen on every address of the container.
 */
final class OciTarget implements Target {

    private static final String DEVICES = "dev.unikernel.runtime.unix.";

    /** The image's volume; disks default to {@code /data/<device>.img}. */
    static final String DATA = "/data";

    @Override
    public String name() {
        return "oci";
    }


    @Override
    public String runtimeArtifactId() {
        return "unikernel-runtime-container";
    }

    @Override
    public String bootClass() {
        return "dev.unikernel.runtime.container.ContainerBoot";
    }

    @Override
    public TargetPackager packager() {
        return new OciPackager();
    }

    @Override
    public DeviceBinding bind(DeviceType type, String deviceName) {
        String image = DATA + "/" + deviceName + ".img";
        return switch (type) {
            case BLOCK -> new DeviceBinding(DEVICES + "FileBlockDevice",
                    "boot.open(FileBlockDevice.open(keys.path(\"" + deviceName + "\"), false))",
                    List.of(KeySpec.withDefault(deviceName, KeyType.PATH, image,
                            "disk image holding block device '" + deviceName + "' (in the " + DATA + " volume)")));
            case DISK -> new DeviceBinding(DEVICES + "FileDisk",
                    "new FileDisk(keys.path(\"" + deviceName + "\"))",
                    List.of(KeySpec.withDefault(deviceName, KeyType.PATH, image,
                            "disk image of disk '" + deviceName + "' (in the " + DATA
                                    + " volume; created if the application asks)")));
            case NETWORK -> new DeviceBinding(DEVICES + "HostNetwork",
                    "HostNetwork.listeningOn(keys.string(\"listen-address\"))",
                    List.of(KeySpec.withDefault("listen-address", KeyType.STRING, "0.0.0.0",
                            "address servers listen on inside the container (:: for IPv6 too)")));
            case CLOCK -> new DeviceBinding(DEVICES + "SystemClock", "new SystemClock()", List.of());
            case ENTROPY -> new DeviceBinding(DEVICES + "SystemEntropy", "new SystemEntropy()", List.of());
        };
    }
}

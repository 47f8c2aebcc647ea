package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import java.util.List;

/** The unix target: a host program; disks are host files, the network is the host's sockets. */
final class UnixTarget implements Target {

    private static final String RUNTIME = "dev.unikernel.runtime.unix.";

    @Override
    public String name() {
        return "unix";
    }


    @Override
    public String runtimeArtifactId() {
        return "unikernel-runtime-unix";
    }

    @Override
    public String bootClass() {
        return RUNTIME + "UnixBoot";
    }

    @Override
    public TargetPackager packager() {
        return new UnixPackager();
    }

    @Override
    public DeviceBinding bind(DeviceType type, String deviceName) {
        return switch (type) {
            case BLOCK -> new DeviceBinding(RUNTIME + "FileBlockDevice",
                    "boot.open(FileBlockDevice.open(keys.path(\"" + deviceName + "\"), false))",
                    List.of(KeySpec.required(deviceName, KeyType.PATH,
                            "host file holding block device '" + deviceName + "' (a disk image)")));
            case DISK -> new DeviceBinding(RUNTIME + "FileDisk",
                    "new FileDisk(keys.path(\"" + deviceName + "\"))",
                    List.of(KeySpec.required(deviceName, KeyType.PATH,
                            "host file holding disk '" + deviceName + "' (a disk image, created if the application asks)")));
            case NETWORK -> new DeviceBinding(RUNTIME + "HostNetwork",
                    "HostNetwork.listeningOn(keys.string(\"listen-address\"))",
                    List.of(KeySpec.withDefault("listen-address", KeyType.STRING, "127.0.0.1",
                            "host address that servers listen on (0.0.0.0 for all)")));
            case CLOCK -> new DeviceBinding(RUNTIME + "SystemClock", "new SystemClock()", List.of());
            case ENTROPY -> new DeviceBinding(RUNTIME + "SystemEntropy", "new SystemEntropy()", List.of());
        };
    }
}

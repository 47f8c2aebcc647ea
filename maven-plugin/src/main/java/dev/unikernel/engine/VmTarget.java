package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import java.util.List;

/**
 * The vm target: a micro-VM whose PID 1 is Java. Disks are virtio-blk devices ({@code /dev/vda}),
 * the network is the guest kernel's TCP/IP on virtio-net, configured at boot from the keys
 * {@code ip}, {@code netmask} and {@code gateway} (defaults fit qemu's user networking).
 */
final class VmTarget implements Target {

    private static final String RUNTIME = "dev.unikernel.runtime.vm.";
    private static final String UNIX = "dev.unikernel.runtime.unix.";
    /** The first virtio disk; run-qemu sets the key of every disk it attaches. */
    static final String FIRST_DISK = "/dev/vda";

    @Override
    public String name() {
        return "vm";
    }


    @Override
    public String runtimeArtifactId() {
        return "unikernel-runtime-vm";
    }

    @Override
    public String bootClass() {
        return RUNTIME + "VmBoot";
    }

    @Override
    public TargetPackager packager() {
        return new VmPackager();
    }

    @Override
    public DeviceBinding bind(DeviceType type, String deviceName) {
        return switch (type) {
            case BLOCK -> new DeviceBinding(UNIX + "FileBlockDevice",
                    "boot.open(FileBlockDevice.open(keys.path(\"" + deviceName + "\"), false))",
                    List.of(diskKey(deviceName)));
            case DISK -> new DeviceBinding(UNIX + "FileDisk",
                    "new FileDisk(keys.path(\"" + deviceName + "\"))",
                    List.of(diskKey(deviceName)));
            case NETWORK -> new DeviceBinding(RUNTIME + "GuestNetwork",
                    "GuestNetwork.up(keys.string(\"ip\"), keys.string(\"netmask\"), keys.string(\"gateway\"))",
                    List.of(KeySpec.withDefault("ip", KeyType.STRING, "10.0.2.15", "IPv4 address of eth0"),
                            KeySpec.withDefault("netmask", KeyType.STRING, "255.255.255.0", "netmask of eth0"),
                            KeySpec.withDefault("gateway", KeyType.STRING, "10.0.2.2", "default IPv4 gateway")));
            case CLOCK -> new DeviceBinding(UNIX + "SystemClock", "new SystemClock()", List.of());
            case ENTROPY -> new DeviceBinding(UNIX + "SystemEntropy", "new SystemEntropy()", List.of());
        };
    }

    private static KeySpec diskKey(String deviceName) {
        return KeySpec.withDefault(deviceName, KeyType.PATH, FIRST_DISK,
                "virtio disk device node holding '" + deviceName + "' (run-qemu --" + deviceName + "=IMAGE attaches one)");
    }
}

package dev.unikernel.runtime.vm;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.Disk;
import dev.unikernel.api.Key;
import dev.unikernel.api.Network;
import dev.unikernel.api.Provider;
import dev.unikernel.runtime.unix.FileBlockDevice;
import dev.unikernel.runtime.unix.FileDisk;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The vm target's providers: virtio-blk disks (device nodes of the guest kernel; run-qemu attaches
 * an image for each and sets its key) and the guest kernel's TCP/IP on virtio-net, configured at boot.
 * The VM packager recognises them by the name {@value #NAME}.
 */
public final class VirtioDevices {

    /** The providers' name, which the vm packager looks for. */
    public static final String NAME = "virtio";

    private VirtioDevices() {
    }

    /** The disk always exists (the VMM sized it), so it is new, and formatted when blank, only with format-blank. */
    @Provider(value = NAME, doc = "a virtio-blk disk", targets = "vm")
    public static BlockDevice block(@Key(name = "{device}", defaultValue = "/dev/vda",
            doc = "virtio disk device node holding '{device}' (run-qemu --{device}=IMAGE attaches one)") Path node,
            @Key(name = "format-blank", defaultValue = "false", doc = "format a disk whose first MiB reads as zeros"
                    + " (a new image: give it on the first boot only)") boolean formatBlank)
            throws IOException {
        return FileBlockDevice.open(node, false, FileBlockDevice.DEFAULT_SECTOR_SIZE, formatBlank);
    }

    @Provider(value = NAME, doc = "a virtio-blk disk (the VMM sizes it, so it always exists)", targets = "vm")
    public static Disk disk(@Key(name = "{device}", defaultValue = "/dev/vda",
            doc = "virtio disk device node holding '{device}' (run-qemu --{device}=IMAGE attaches one)") Path node) {
        return new FileDisk(node);
    }

    @Provider(value = NAME, doc = "the guest kernel's TCP/IP on virtio-net", targets = "vm")
    public static Network network(
            @Key(name = "ip", doc = "IPv4 address of eth0", defaultValue = "10.0.2.15") String ip,
            @Key(name = "netmask", doc = "netmask of eth0", defaultValue = "255.255.255.0") String netmask,
            @Key(name = "gateway", doc = "default IPv4 gateway", defaultValue = "10.0.2.2") String gateway,
            @Key(name = "dns", doc = "IPv4 name servers, comma-separated (empty: names from /etc/hosts only)",
                    defaultValue = "10.0.2.3") String dns)
            throws IOException {
        Network network = GuestNetwork.up(ip, netmask, gateway);
        ResolverConfiguration.write(Path.of("/etc"), dns);
        return network;
    }
}

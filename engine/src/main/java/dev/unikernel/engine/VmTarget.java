package dev.unikernel.engine;

/**
 * The vm target: a micro-VM whose PID 1 is Java. Disks are virtio-blk devices, the network the guest
 * kernel's TCP/IP on virtio-net (runtime-vm's providers, beside runtime-unix's that it includes).
 */
public final class VmTarget implements Target {

    @Override
    public String name() {
        return "vm";
    }

    @Override
    public String description() {
        return "a micro-VM: kernel + initramfs with Java as PID 1, run-qemu and firecracker.json";
    }

    @Override
    public String runtimeArtifact(String pluginVersion) {
        return "dev.unikernel:unikernel-runtime-vm:" + pluginVersion;
    }

    @Override
    public String bootClass() {
        return "dev.unikernel.runtime.vm.VmBoot";
    }

    @Override
    public TargetPackager packager() {
        return new VmPackager();
    }
}

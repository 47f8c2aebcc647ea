package dev.unikernel.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * The vm target's build parameters.
 *
 * @param kernel             the bzImage to boot; null for the newest {@code /boot/vmlinuz-*}
 * @param kernelModules      the kernel's module directory; null for {@code /lib/modules/<its release>}
 * @param extraKernelModules modules loaded at boot besides the virtio ones (e.g. {@code virtio_rng})
 * @param kernelArguments    words added to the kernel command line (e.g. {@code loglevel=7})
 * @param memory             the VM's RAM in run-qemu and firecracker.json, e.g. {@code 256M}
 * @param cpus               the VM's virtual CPUs
 * @param heapPercentage     the Java heap's share of the guest's RAM (-XX:Min/MaxRAMPercentage); 0 to size it from
 *                           the RAM left after the unpacked initramfs and a reserve for the kernel and JVM
 * @param firecrackerKernel  an uncompressed vmlinux for Firecracker; null to document its absence
 */
public record VmOptions(Path kernel, Path kernelModules, List<String> extraKernelModules, List<String> kernelArguments,
        String memory, int cpus, int heapPercentage, Path firecrackerKernel) {

    public VmOptions {
        extraKernelModules = List.copyOf(extraKernelModules);
        kernelArguments = List.copyOf(kernelArguments);
    }

    public static VmOptions defaults() {
        return new VmOptions(null, null, List.of(), List.of(), "256M", 1, 0, null);
    }
}

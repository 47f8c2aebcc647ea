package dev.unikernel.engine.vm;

import java.util.List;

/**
 * {@code firecracker.json} (for {@code firecracker --no-api --config-file firecracker.json}) and the
 * note beside it. Firecracker differs from qemu in what it boots: an uncompressed ELF
 * {@code vmlinux} (not a bzImage), devices on virtio-mmio (no PCI), one serial port, no fw_cfg, and
 * no ACPI power-off on older versions (the guest's reboot makes it exit: {@code reboot=k}).
 *
 * @param vmlinux     the uncompressed kernel's file name
 * @param initrd      the initramfs's file name
 * @param commandLine the kernel's words before {@code --}
 * @param initArguments java's arguments after {@code --}
 * @param memoryMib   RAM in MiB
 * @param cpus        virtual CPUs
 * @param disks       disk device names: drives in this order are /dev/vda, /dev/vdb, ...
 * @param network     whether to declare eth0 on a tap device
 */
public record FirecrackerConfig(String vmlinux, String initrd, String commandLine, String initArguments,
        long memoryMib, int cpus, List<String> disks, boolean network) {

    public FirecrackerConfig {
        disks = List.copyOf(disks);
    }

    public String json() {
        StringBuilder bootArgs = new StringBuilder(commandLine).append(" reboot=k pci=off");
        char letter = 'a';
        for (String disk : disks) {
            bootArgs.append(" unikernel.").append(disk).append("=/dev/vd").append(letter++);
        }
        bootArgs.append(" -- ").append(initArguments);
        StringBuilder j = new StringBuilder();
        j.append("{\n");
        j.append("  \"boot-source\": {\n");
        j.append("    \"kernel_image_path\": ").append(quote(vmlinux)).append(",\n");
        j.append("    \"initrd_path\": ").append(quote(initrd)).append(",\n");
        j.append("    \"boot_args\": ").append(quote(bootArgs.toString())).append('\n');
        j.append("  },\n");
        j.append("  \"drives\": [");
        for (int i = 0; i < disks.size(); i++) {
            j.append(i == 0 ? "\n" : ",\n");
            j.append("    {\"drive_id\": ").append(quote(disks.get(i))).append(", \"path_on_host\": ")
                    .append(quote(disks.get(i) + ".img")).append(", \"is_root_device\": false, \"is_read_only\": false}");
        }
        j.append(disks.isEmpty() ? "],\n" : "\n  ],\n");
        j.append("  \"network-interfaces\": [");
        if (network) {
            j.append("\n    {\"iface_id\": \"eth0\", \"host_dev_name\": \"tap0\", \"guest_mac\": \"06:00:0a:00:02:0f\"}\n  ");
        }
        j.append("],\n");
        j.append("  \"machine-config\": {\"vcpu_count\": ").append(cpus).append(", \"mem_size_mib\": ").append(memoryMib)
                .append(", \"smt\": false}\n");
        j.append("}\n");
        return j.toString();
    }

    /** The note next to firecracker.json: what Firecracker needs that qemu does not. */
    public String readme(String name, boolean vmlinuxPresent) {
        return "# " + name + " on Firecracker\n\n"
                + "    firecracker --no-api --config-file firecracker.json\n\n"
                + "run from this directory. What Firecracker needs, unlike run-qemu:\n\n"
                + "- KVM: Firecracker has no emulation. Where /dev/kvm is not usable (nested VMs, most CI\n"
                + "  machines), boot with `UNIKERNEL_ACCEL=tcg ./run-qemu` instead.\n"
                + "- An uncompressed ELF kernel, `" + vmlinux + "`, not the bzImage qemu boots. "
                + (vmlinuxPresent ? "It is here (from `<firecrackerKernel>`).\n"
                        : "It is NOT here: set `<firecrackerKernel>` to a vmlinux (e.g. Firecracker's CI kernels, or\n"
                                + "  `extract-vmlinux` from the kernel sources applied to the bzImage).\n")
                + "- Devices on virtio-mmio, described on the kernel command line (`virtio_mmio.device=...`, which\n"
                + "  Firecracker appends). The kernel needs `CONFIG_VIRTIO_MMIO_CMDLINE_DEVICES=y`; Debian's\n"
                + "  linux-image-cloud-amd64 does not set it, so use a Firecracker guest kernel. PID 1 loads\n"
                + "  `virtio_mmio` with those words as module parameters, as modprobe would, when it is a module.\n"
                + "- Its drivers: the initrd holds kernel modules for the qemu kernel's version only (`<kernel>`,\n"
                + "  `<kernelModules>`); another kernel refuses them (PID 1 reports each and goes on), so the\n"
                + "  vmlinux must have `CONFIG_VIRTIO_MMIO`, `CONFIG_VIRTIO_BLK` and `CONFIG_VIRTIO_NET` built in\n"
                + "  (`=y`), as Firecracker's guest kernels do, or be the same build as `<kernel>`.\n"
                + "- `reboot=k pci=off` (in boot_args): the guest powers off with reboot(2), and Firecracker exits\n"
                + "  when the guest reboots.\n"
                + "- Disks: `drives` in order become /dev/vda, /dev/vdb, ... (`path_on_host` are placeholders: set them).\n"
                + "- Network: `eth0` on the tap device `tap0` (create it and route for it on the host); the guest\n"
                + "  address comes from the keys `unikernel.ip`, `unikernel.netmask`, `unikernel.gateway` in boot_args.\n"
                + "- Memory: `mem_size_mib` is `<vmMemory>`; the Java heap's share was computed for it at build\n"
                + "  time, so change `<vmMemory>` and rebuild rather than edit it here.\n"
                + "- Secrets and host files: Firecracker has no fw_cfg, so neither secret keys nor keys naming a\n"
                + "  host file (which run-qemu hands over by fw_cfg) can be given on this VMM yet: an application\n"
                + "  that needs one (sftp's passphrase, authorized keys, host key) cannot run on Firecracker.\n"
                + "- The exit code is only the console line `unikernel exit <code>` (one serial port).\n";
    }

    static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}

package dev.unikernel.engine;

import dev.unikernel.api.ByteSize;
import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import dev.unikernel.engine.DeviceGraph.DeviceNode;
import dev.unikernel.engine.vm.CpioArchive;
import dev.unikernel.engine.vm.FirecrackerConfig;
import dev.unikernel.engine.vm.InitramfsContents;
import dev.unikernel.engine.vm.Kernel;
import dev.unikernel.engine.vm.ModuleDependencies;
import dev.unikernel.engine.vm.QemuScript;
import dev.unikernel.engine.vm.SymbolTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The vm target's form, in {@code target/unikernel/vm/}: {@code <name>.kernel} (the host's kernel),
 * {@code <name>.initrd} (a reproducible gzip'ed cpio holding a jlink'ed JRE, the C libraries it
 * loads, the jars and the virtio modules; Java is PID 1), {@code run-qemu}, and
 * {@code firecracker.json} with a note on what Firecracker needs.
 */
final class VmPackager implements TargetPackager {

    /** The name of runtime-vm's providers (VirtioDevices.NAME). */
    static final String VIRTIO = "virtio";
    private static final String NETWORK = "dev.unikernel.api.Network";

    /**
     * The modules every VM loads, dependencies resolved from modules.dep: PCI and MMIO transports,
     * disk, network, fw_cfg (secrets and files), and the ACPI power button with evdev (clean stop).
     */
    static final List<String> VIRTIO_MODULES = List.of("virtio_pci", "virtio_mmio", "virtio_blk", "virtio_net",
            "qemu_fw_cfg", "button", "evdev");
    private static final long MINIMUM_MEMORY_MIB = 64;
    /**
     * RAM the guest kernel keeps before it counts MemTotal (its image, page structures: 38 MiB of
     * 256 measured). The JVM takes its heap percentage of MemTotal, not of the VM's RAM.
     */
    private static final long KERNEL_MIB = 40;
    /**
     * RAM kept besides the heap and the unpacked initramfs: the kernel's image and working memory
     * (about 62 MiB of 256) and the JVM outside the heap (sftp after a session, by native memory
     * tracking: metaspace 23, code 11, symbols 5, arenas 5, threads and the rest 8 MiB; plus
     * glibc's free lists), with about 16 MiB to spare.
     */
    private static final long RESERVE_MIB = 140;
    /**
     * Allocator arenas: glibc makes up to 8 per CPU and keeps freed memory in each; two are enough
     * for a server in a small VM. An environment word on the kernel command line reaches PID 1.
     */
    static final String MALLOC_ARENAS = "MALLOC_ARENA_MAX=2";

    @Override
    public Path pack(Plan plan, LinkedProgram program, BuildInputs inputs, BuildOptions options, BuildLog log)
            throws UnikernelException, IOException {
        VmOptions vm = options.vm();
        Path out = inputs.outputDirectory();
        String name = plan.applicationName();
        long memoryMib = memoryMib(vm.memory());
        if (vm.cpus() < 1) {
            throw new UnikernelException("<vmCpus> must be at least 1, not " + vm.cpus());
        }
        if (vm.heapPercentage() != 0 && (vm.heapPercentage() < 10 || vm.heapPercentage() > 90)) {
            throw new UnikernelException("<vmHeapPercentage> must be from 10 to 90 (or 0 for automatic), not "
                    + vm.heapPercentage()
                    + " (the rest of the RAM holds the unpacked initramfs, the kernel and the JVM's own memory)");
        }
        Kernel kernel = Kernel.locate(vm.kernel(), vm.kernelModules(), Path.of("/boot"), Path.of("/lib/modules"));
        log.info("Kernel " + kernel.image() + " (" + kernel.version() + "), modules from " + kernel.modules());

        List<String> wanted = new ArrayList<>(VIRTIO_MODULES);
        wanted.addAll(vm.extraKernelModules());
        List<String> moduleFiles = ModuleDependencies.read(kernel.modules()).loadOrder(wanted);
        List<String> javaModules = JavaRuntimeLinker.modules(program.jars(), options.extraModules(), log);
        Path jre = out.resolve("jre");
        JavaRuntimeLinker.link(javaModules, jre, log);
        SymbolTables.strip(jre.resolve("lib/server/libjvm.so"), log);

        long start = System.nanoTime();
        Set<String> libraryDirectories = new TreeSet<>();
        List<BakedFiles.Entry> files = BakedFiles.of(plan);
        if (!files.isEmpty()) {
            log.info("Baking " + BakedFiles.roots(files) + " into the initramfs ("
                    + Sizes.human(BakedFiles.size(files)) + ")");
        }
        CpioArchive archive = InitramfsContents.build(jre, program.jars(), files, unpacked -> {
            int percentage = vm.heapPercentage() > 0 ? vm.heapPercentage() : heapPercentage(memoryMib, unpacked);
            log.info("Java heap: " + percentage + "% of the VM's RAM (-XX:MaxRAMPercentage; " + memoryMib
                    + " MiB RAM, " + unpacked / (1024 * 1024) + " MiB of initramfs files stay in it)");
            List<String> javaOptions = new ArrayList<>(javaMemoryOptions(percentage));
            javaOptions.addAll(List.of("-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED"));
            javaOptions.addAll(options.javaOptions("vm"));
            return javaOptions;
        }, Plan.MAIN_CLASS, kernel, moduleFiles, libraryDirectories, log);
        Path initrd = out.resolve(name + ".initrd");
        archive.writeGzip(initrd);
        log.info(String.format("Wrote %s: %d entries, %s compressed, in %.1f s", initrd.getFileName(),
                archive.paths().size(), Sizes.human(Files.size(initrd)), (System.nanoTime() - start) / 1e9));

        Path kernelCopy = out.resolve(name + ".kernel");
        Files.copy(kernel.image(), kernelCopy, StandardCopyOption.REPLACE_EXISTING);

        List<String> ldPath = new ArrayList<>(List.of(InitramfsContents.JRE + "/lib", InitramfsContents.JRE + "/lib/server"));
        ldPath.addAll(libraryDirectories);
        List<String> words = new ArrayList<>(List.of("console=ttyS0", "quiet", "panic=-1",
                "rdinit=" + InitramfsContents.JRE + "/bin/java", "LD_LIBRARY_PATH=" + String.join(":", ldPath),
                MALLOC_ARENAS));
        words.addAll(vm.kernelArguments());
        String commandLine = String.join(" ", words);
        String initArguments = "@" + InitramfsContents.JAVA_ARGS;

        List<String> disks = new ArrayList<>();
        boolean network = false;
        for (DeviceNode device : plan.graph().devices()) {
            // runtime-vm's virtio providers: each disk becomes a drive of run-qemu, the network a NIC.
            if (device.provider().name().equals(VIRTIO)) {
                if (device.provider().provides(NETWORK)) {
                    network = true;
                } else {
                    disks.add(device.name());
                }
            }
        }
        List<String> secrets = new ArrayList<>();
        List<QemuScript.KeyLine> keys = new ArrayList<>();
        for (KeySpec key : plan.keys()) {
            if (key.isSecret()) {
                secrets.add(key.name());
            } else if (!disks.contains(key.name())) {
                String doc = key.doc() + (key.defaultValue() != null ? " (default: " + key.defaultValue() + ")"
                        : key.isRequired() ? " (required)" : "");
                keys.add(new QemuScript.KeyLine(key.name(), key.type() == KeyType.BOOLEAN, key.type() == KeyType.PATH,
                        "--" + key.name() + "=" + key.type().placeholder(), doc));
            }
        }
        QemuScript script = new QemuScript(name, kernelCopy.getFileName().toString(), initrd.getFileName().toString(),
                commandLine, initArguments, memoryMib + "M", vm.cpus(), disks, secrets, keys, network);
        Path runQemu = out.resolve("run-qemu");
        FileUpdates.writeIfChanged(runQemu, script.text());
        Files.setPosixFilePermissions(runQemu, PosixFilePermissions.fromString("rwxr-xr-x"));

        String vmlinux = name + ".vmlinux";
        boolean vmlinuxPresent = vm.firecrackerKernel() != null;
        if (vmlinuxPresent) {
            Files.copy(vm.firecrackerKernel(), out.resolve(vmlinux), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(out.resolve(vmlinux));
        }
        FirecrackerConfig firecracker = new FirecrackerConfig(vmlinux, initrd.getFileName().toString(), commandLine,
                initArguments, memoryMib, vm.cpus(), disks, network);
        FileUpdates.writeIfChanged(out.resolve("firecracker.json"), firecracker.json());
        FileUpdates.writeIfChanged(out.resolve("firecracker.md"), firecracker.readme(name, vmlinuxPresent));
        log.info("Built " + runQemu + (vmlinuxPresent ? "" : " (firecracker.json needs <firecrackerKernel>: see firecracker.md)"));
        return kernelCopy;
    }

    /** Boots in the foreground with run-qemu, next to the kernel. */
    @Override
    public List<String> runCommand(Path artifact, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(artifact.resolveSibling("run-qemu").toString());
        command.addAll(args);
        return command;
    }

    /**
     * The heap's share of the guest's MemTotal when not set: what is left after the unpacked
     * initramfs (it lives in RAM: no disk holds the root file system) and a reserve for the kernel
     * and the JVM's own memory (metaspace, code cache, thread stacks), from 10% to 75%.
     */
    static int heapPercentage(long memoryMib, long unpackedBytes) {
        long free = memoryMib - unpackedBytes / (1024 * 1024) - RESERVE_MIB;
        return (int) Math.max(10, Math.min(75, free * 100 / (memoryMib - KERNEL_MIB)));
    }

    /**
     * The JVM's memory options in a VM. The percentage goes to MinRAMPercentage too: below about
     * 256 MiB of RAM HotSpot takes MinRAMPercentage (default 50%) as the heap's limit and ignores
     * MaxRAMPercentage, and a half-RAM heap next to the initramfs leaves the kernel deadlocked on
     * memory (PID 1 cannot be OOM-killed). SerialGC: the smallest footprint, and one CPU. An old
     * generation of 3/4 (NewRatio=3, not 2/3) holds large long-lived allocations such as a 32 MiB
     * Argon2 unlock in a small heap. The trim returns memory freed by C2 and the class loaders to
     * the kernel, which glibc would otherwise keep.
     */
    static List<String> javaMemoryOptions(int heapPercentage) {
        return List.of("-XX:+UseSerialGC", "-XX:MinRAMPercentage=" + heapPercentage,
                "-XX:MaxRAMPercentage=" + heapPercentage, "-XX:NewRatio=3", "-XX:TrimNativeHeapInterval=5000");
    }

    private static long memoryMib(String memory) throws UnikernelException {
        long bytes;
        try {
            bytes = ByteSize.parse(memory).bytes();
        } catch (IllegalArgumentException e) {
            throw new UnikernelException("<vmMemory> " + e.getMessage());
        }
        long mib = bytes / (1024 * 1024);
        if (mib < MINIMUM_MEMORY_MIB) {
            throw new UnikernelException("<vmMemory> " + memory + " is too small: a JVM needs at least "
                    + MINIMUM_MEMORY_MIB + "M (256M is the default)");
        }
        return mib;
    }
}

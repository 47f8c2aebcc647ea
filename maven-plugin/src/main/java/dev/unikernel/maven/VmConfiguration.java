package dev.unikernel.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <vm>} element: the vm target's parameters nested as jib nests {@code <from>} and
 * {@code <to>}, each the same as a flat one ({@code <memory>} is {@code <vmMemory>}). Maven fills the
 * fields by their names.
 */
public class VmConfiguration {

    /** The VM's RAM, e.g. {@code 512M}: {@code <vmMemory>}. */
    private String memory;

    /** The VM's virtual CPUs: {@code <vmCpus>}. */
    private Integer cpus;

    /** The Java heap's share of the VM's RAM in percent, 0 to size it: {@code <vmHeapPercentage>}. */
    private Integer heapPercentage;

    /** The bzImage the VM boots: {@code <kernel>}. */
    private File kernel;

    /** The kernel's module directory: {@code <kernelModules>}. */
    private File kernelModules;

    /** Modules loaded at boot besides the virtio ones: {@code <extraKernelModules>}. */
    private List<String> extraKernelModules = new ArrayList<>();

    /** Words added to the kernel command line: {@code <kernelArguments>}. */
    private List<String> kernelArguments = new ArrayList<>();

    /** An uncompressed vmlinux for firecracker.json: {@code <firecrackerKernel>}. */
    private File firecrackerKernel;

    public String getMemory() {
        return memory;
    }

    public Integer getCpus() {
        return cpus;
    }

    public Integer getHeapPercentage() {
        return heapPercentage;
    }

    public File getKernel() {
        return kernel;
    }

    public File getKernelModules() {
        return kernelModules;
    }

    public List<String> getExtraKernelModules() {
        return extraKernelModules;
    }

    public List<String> getKernelArguments() {
        return kernelArguments;
    }

    public File getFirecrackerKernel() {
        return firecrackerKernel;
    }
}

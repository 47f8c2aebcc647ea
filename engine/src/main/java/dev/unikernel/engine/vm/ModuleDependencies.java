package dev.unikernel.engine.vm;

import dev.unikernel.engine.UnikernelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel's module dependency graph, from {@code modules.dep} (and {@code modules.builtin} for
 * drivers compiled in), giving the order modprobe would load a set of modules in: each module after
 * everything it depends on (virtio_ring, virtio, then virtio_pci, virtio_blk, failover, net_failover,
 * virtio_net).
 */
public final class ModuleDependencies {

    private final Path directory;
    private final Map<String, String> fileByName = new HashMap<>();
    private final Map<String, List<String>> dependenciesByFile = new HashMap<>();
    private final Set<String> builtin = new HashSet<>();

    private ModuleDependencies(Path directory) {
        this.directory = directory;
    }

    /** Reads {@code <directory>/modules.dep} and, when present, {@code modules.builtin}. */
    public static ModuleDependencies read(Path directory) throws IOException {
        ModuleDependencies graph = new ModuleDependencies(directory);
        for (String line : Files.readAllLines(directory.resolve("modules.dep"))) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String file = line.substring(0, colon).strip();
            String rest = line.substring(colon + 1).strip();
            graph.fileByName.put(name(file), file);
            graph.dependenciesByFile.put(file, rest.isEmpty() ? List.of() : List.of(rest.split("\\s+")));
        }
        Path builtins = directory.resolve("modules.builtin");
        if (Files.isRegularFile(builtins)) {
            for (String line : Files.readAllLines(builtins)) {
                if (!line.isBlank()) {
                    graph.builtin.add(name(line.strip()));
                }
            }
        }
        return graph;
    }

    /** The module's name from its file: {@code kernel/drivers/net/virtio_net.ko} is {@code virtio_net}. */
    static String name(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1);
        int dot = base.indexOf(".ko");
        return (dot < 0 ? base : base.substring(0, dot)).replace('-', '_');
    }

    /**
     * The module files (relative to the module directory) to load for {@code modules}, dependencies
     * first, each once. Built-in modules need no file and are left out.
     */
    public List<String> loadOrder(List<String> modules) throws UnikernelException {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        for (String module : modules) {
            String wanted = module.replace('-', '_');
            String file = fileByName.get(wanted);
            if (file == null) {
                if (builtin.contains(wanted)) {
                    continue;
                }
                throw new UnikernelException("kernel module " + module + " is neither in " + directory.resolve("modules.dep")
                        + " nor built into the kernel: check <kernelModules> and <extraKernelModules>");
            }
            visit(file, order, new HashSet<>());
        }
        return new ArrayList<>(order);
    }

    private void visit(String file, LinkedHashSet<String> order, Set<String> path) throws UnikernelException {
        if (order.contains(file)) {
            return;
        }
        if (!path.add(file)) {
            throw new UnikernelException("kernel modules depend on each other in a circle at " + file);
        }
        for (String dependency : dependenciesByFile.getOrDefault(file, List.of())) {
            visit(dependency, order, path);
        }
        order.add(file);
    }

    public Path directory() {
        return directory;
    }
}

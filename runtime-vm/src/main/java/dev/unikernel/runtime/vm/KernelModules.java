package dev.unikernel.runtime.vm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the kernel modules the build put in the initramfs, in the order the build wrote to
 * {@value #LIST} (dependencies first, from the kernel's modules.dep), with finit_module(2). Like
 * modprobe, a module gets the {@code module.param=value} words of the kernel command line as its
 * parameters (Firecracker describes its virtio-mmio devices that way).
 */
final class KernelModules {

    /** Written by the plugin: one module file per line, in load order. */
    static final String LIST = "/lib/modules/unikernel.load";

    private KernelModules() {
    }

    /** Loads every listed module; a module that fails is reported and skipped so the others still load. */
    static List<String> loadAll(String commandLine, PrintStream console) throws IOException {
        Path list = Path.of(LIST);
        List<String> failed = new ArrayList<>();
        if (!Files.isRegularFile(list)) {
            return failed;
        }
        for (String line : Files.readAllLines(list)) {
            String file = line.strip();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            try {
                Linux.loadModule(file, parameters(moduleName(file), commandLine));
            } catch (IOException e) {
                console.println("unikernel: kernel module " + moduleName(file) + " not loaded: " + e.getMessage());
                failed.add(moduleName(file));
            }
        }
        return failed;
    }

    /** {@code .../virtio_net.ko} is module {@code virtio_net}; '-' and '_' are the same in module names. */
    static String moduleName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.indexOf(".ko");
        return (dot < 0 ? name : name.substring(0, dot)).replace('-', '_');
    }

    /** The {@code module.param=value} words of the command line for {@code module}, joined by spaces. */
    static String parameters(String module, String commandLine) {
        List<String> values = new ArrayList<>();
        for (String word : CommandLine.words(commandLine)) {
            int dot = word.indexOf('.');
            if (dot > 0 && word.substring(0, dot).replace('-', '_').equals(module)) {
                values.add(word.substring(dot + 1));
            }
        }
        return String.join(" ", values);
    }
}

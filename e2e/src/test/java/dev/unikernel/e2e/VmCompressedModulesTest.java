package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/hello built for vm against a module tree like Ubuntu's and Fedora's: Debian's cloud kernel
 * with every module the build takes compressed, half by {@code zstd}, half by {@code xz --check=crc32}
 * (as the kernel's own build does), modules.dep naming the compressed files. The VM must boot under
 * TCG, load every module, report its boot's phases and greet; two builds give the same initrd.
 * Needs qemu-system-x86, linux-image-cloud-amd64, zstd, xz-utils, cpio.
 */
class VmCompressedModulesTest {

    /** What the vm packager loads in every VM (VmPackager.VIRTIO_MODULES). */
    private static final List<String> MODULES = List.of("virtio_pci", "virtio_mmio", "virtio_blk", "virtio_net",
            "qemu_fw_cfg", "button", "evdev");
    private static final Path VM = Examples.HELLO.resolve("target/unikernel/vm");

    @TempDir
    Path temp;

    @Test
    void bootsWithZstdAndXzCompressedModulesPlacedDecompressed() throws Exception {
        Path kernel;
        try (Stream<Path> boot = Files.list(Path.of("/boot"))) {
            kernel = boot.filter(f -> f.getFileName().toString().startsWith("vmlinuz-")).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no /boot/vmlinuz-*: apt-get install linux-image-cloud-amd64"));
        }
        Path original = Path.of("/lib/modules", kernel.getFileName().toString().substring("vmlinuz-".length()));
        Path tree = temp.resolve("modules");
        List<String> compressed = compressedTree(original, tree);
        assertTrue(compressed.stream().anyMatch(f -> f.endsWith(".ko.zst"))
                && compressed.stream().anyMatch(f -> f.endsWith(".ko.xz")), compressed.toString());

        String build = build(kernel, tree);
        assertTrue(build.contains("modules from " + tree), build);
        assertFalse(build.contains("WARNING: A restricted method"), "zstd-jni loads without a warning:\n" + build);

        // The initrd holds each module as the plain object Debian ships, whatever the tree's compression.
        Path unpacked = Files.createDirectories(temp.resolve("initrd"));
        Command.of(unpacked, "sh", "-c", "gzip -dc \"$0\" | cpio -idm --quiet 'lib/modules/*'",
                VM.resolve("hello.initrd").toString()).runOk(Duration.ofMinutes(2));
        for (String file : compressed) {
            String plain = file.substring(0, file.lastIndexOf(".ko") + 3);
            String name = plain.substring(plain.lastIndexOf('/') + 1);
            assertArrayEquals(Files.readAllBytes(original.resolve(plain)),
                    Files.readAllBytes(unpacked.resolve("lib/modules").resolve(name)), name + " in the initrd");
        }
        String load = Files.readString(unpacked.resolve("lib/modules/unikernel.load"));
        assertFalse(load.contains(".zst") || load.contains(".xz"), load);
        byte[] initrd = Files.readAllBytes(VM.resolve("hello.initrd"));

        Command.Result boot = Command.of(VM, VM.resolve("run-qemu").toString(), "--name=Ada")
                .withEnvironment(Map.of("UNIKERNEL_ACCEL", "tcg")).run(Duration.ofMinutes(4));
        assertEquals(0, boot.exitCode(), boot.output());
        assertTrue(boot.output().matches("(?s).*Hello, Ada! It is \\d{4}-.*Z; your lucky number is [0-9a-f]{16}\\.\\r?\\n.*"),
                boot.output());
        assertTrue(boot.output().contains("unikernel exit 0"), boot.output());
        assertFalse(boot.output().contains("not loaded"), "every module loads:\n" + boot.output());
        build(kernel, tree);
        assertArrayEquals(initrd, Files.readAllBytes(VM.resolve("hello.initrd")), "two clean builds give the same initrd");
        // The guest's PID 1 reports its phases on the third serial port; run-qemu says them on stderr.
        assertTrue(boot.output().matches("(?s).*run-qemu: kernel up, Java running as PID 1 \\(\\d+\\.\\d+ s\\)\\n.*"
                + "run-qemu: kernel modules loaded, starting hello \\(\\d+\\.\\d+ s\\)\\n.*"), boot.output());
    }

    private static String build(Path kernel, Path modules) throws Exception {
        return Command.maven(Examples.HELLO, "unikernel:clean", "unikernel:build", "-Dtarget=vm",
                "-Dunikernel.kernel=" + kernel, "-Dunikernel.kernelModules=" + modules).runOk(Duration.ofMinutes(6));
    }

    /**
     * Copies the module metadata of {@code original} to {@code tree}, and each module {@link #MODULES}
     * needs (with its dependencies) compressed, alternately by zstd and xz; modules.dep names every
     * module by its compressed name. Returns the compressed files, relative to the tree.
     */
    private static List<String> compressedTree(Path original, Path tree) throws Exception {
        Files.createDirectories(tree);
        try (Stream<Path> files = Files.list(original)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, tree.resolve(file.getFileName()));
            }
        }
        Map<String, List<String>> dependencies = new HashMap<>();
        Map<String, String> fileByName = new HashMap<>();
        List<String> lines = Files.readAllLines(original.resolve("modules.dep"));
        for (String line : lines) {
            String[] words = line.replace(":", " ").trim().split("\\s+");
            dependencies.put(words[0], List.of(words).subList(1, words.length));
            String base = words[0].substring(words[0].lastIndexOf('/') + 1);
            fileByName.put(base.substring(0, base.indexOf(".ko")).replace('-', '_'), words[0]);
        }
        TreeSet<String> needed = new TreeSet<>();
        Deque<String> pending = new ArrayDeque<>();
        for (String module : MODULES) {
            if (fileByName.containsKey(module)) { // else built into the kernel
                pending.add(fileByName.get(module));
            }
        }
        while (!pending.isEmpty()) {
            String file = pending.pop();
            if (needed.add(file)) {
                pending.addAll(dependencies.get(file));
            }
        }
        Map<String, String> renamed = new HashMap<>();
        List<String> compressed = new ArrayList<>();
        int i = 0;
        for (String file : needed) {
            boolean zstd = i++ % 2 == 0;
            Path copy = tree.resolve(file);
            Files.createDirectories(copy.getParent());
            Files.copy(original.resolve(file), copy);
            String[] command = zstd ? new String[] {"zstd", "-q", "--rm", "-19", copy.toString()}
                    : new String[] {"xz", "--check=crc32", "--lzma2=dict=1MiB", copy.toString()};
            Command.of(copy.getParent(), command).runOk(Duration.ofMinutes(2));
            String name = file + (zstd ? ".zst" : ".xz");
            assertTrue(Files.isRegularFile(tree.resolve(name)) && !Files.exists(copy), name);
            renamed.put(file, name);
            compressed.add(name);
        }
        StringBuilder dep = new StringBuilder();
        for (String line : lines) {
            String[] words = line.replace(":", " ").trim().split("\\s+");
            dep.append(rename(words[0], renamed)).append(':');
            for (int w = 1; w < words.length; w++) {
                dep.append(' ').append(rename(words[w], renamed));
            }
            dep.append('\n');
        }
        Files.writeString(tree.resolve("modules.dep"), dep);
        return compressed;
    }

    /** The compressed name of a module this test compressed; any other gets zstd's, as Ubuntu's tree names it. */
    private static String rename(String file, Map<String, String> renamed) {
        return renamed.getOrDefault(file, file + ".zst");
    }
}

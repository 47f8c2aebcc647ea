package dev.unikernel.engine.vm;

import dev.unikernel.engine.UnikernelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Linux kernel a VM boots and the directory of its modules: by default the newest
 * {@code /boot/vmlinuz-*} with {@code /lib/modules/<version>}.
 *
 * @param image   the bzImage (what qemu's -kernel takes)
 * @param version the release, as {@code uname -r} prints it in the guest
 * @param modules the kernel's module directory (holds modules.dep)
 */
public record Kernel(Path image, String version, Path modules) {

    private static final Pattern NUMBERS = Pattern.compile("\\d+|\\D+");

    /**
     * Finds the kernel: {@code image} and {@code modules} when given (null for the defaults), the
     * newest {@code vmlinuz-*} in {@code boot} otherwise, and its modules under {@code libModules}.
     */
    public static Kernel locate(Path image, Path modules, Path boot, Path libModules) throws UnikernelException {
        Path kernel = image != null ? image : newest(boot);
        if (!Files.isRegularFile(kernel)) {
            throw new UnikernelException("kernel " + kernel + " does not exist: set <kernel> to a bzImage"
                    + " (e.g. /boot/vmlinuz-...) or install linux-image-cloud-amd64");
        }
        String version;
        try {
            version = releaseOf(kernel);
        } catch (AccessDeniedException e) {
            throw new UnikernelException("cannot read kernel " + kernel + ": permission denied (some distributions make"
                    + " /boot/vmlinuz-* readable by root only: chmod 0644 it, or set <kernel> to a copy you can read)");
        } catch (IOException e) {
            throw new UnikernelException("cannot read kernel " + kernel + ": " + e.getMessage(), e);
        }
        if (version == null) {
            String name = kernel.getFileName().toString();
            version = name.startsWith("vmlinuz-") ? name.substring("vmlinuz-".length()) : null;
        }
        Path moduleDirectory = modules;
        if (moduleDirectory == null) {
            if (version == null) {
                throw new UnikernelException("cannot tell the release of kernel " + kernel
                        + " (not a bzImage, and not named vmlinuz-<release>): set <kernelModules> to its /lib/modules directory");
            }
            moduleDirectory = libModules.resolve(version);
        }
        if (!Files.isRegularFile(moduleDirectory.resolve("modules.dep"))) {
            throw new UnikernelException("no modules for kernel " + kernel + " in " + moduleDirectory
                    + " (no modules.dep): install the kernel's package (linux-image-cloud-amd64) or set <kernelModules>");
        }
        return new Kernel(kernel, version, moduleDirectory);
    }

    /** The newest {@code vmlinuz-*} in {@code boot}, by release numbers (6.1.0-10 before 6.1.0-9 is wrong). */
    static Path newest(Path boot) throws UnikernelException {
        List<Path> kernels;
        try (Stream<Path> files = Files.list(boot)) {
            kernels = files.filter(f -> f.getFileName().toString().startsWith("vmlinuz-")).toList();
        } catch (IOException e) {
            kernels = List.of();
        }
        return kernels.stream()
                .max(Comparator.comparing(f -> f.getFileName().toString(), Kernel::compareReleases))
                .orElseThrow(() -> new UnikernelException("no kernel found in " + boot
                        + ": install linux-image-cloud-amd64 (Debian: apt-get install linux-image-cloud-amd64)"
                        + " or set <kernel> to a bzImage"));
    }

    /** Compares release strings with numbers as numbers: 6.1.0-10 is newer than 6.1.0-9. */
    static int compareReleases(String a, String b) {
        Matcher left = NUMBERS.matcher(a);
        Matcher right = NUMBERS.matcher(b);
        while (left.find() && right.find()) {
            String x = left.group();
            String y = right.group();
            int order;
            if (Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0))) {
                order = new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y));
            } else {
                order = x.compareTo(y);
            }
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** The release in a bzImage's setup header ("6.1.0-56-cloud-amd64"), or null when it is not one. */
    static String releaseOf(Path image) throws IOException {
        byte[] setup = new byte[0x10000]; // the version string sits after the setup code, within 64 KiB
        int length;
        try (InputStream in = Files.newInputStream(image)) {
            length = in.readNBytes(setup, 0, setup.length);
        }
        if (length < 0x210 || setup[0x202] != 'H' || setup[0x203] != 'd' || setup[0x204] != 'r' || setup[0x205] != 'S') {
            return null;
        }
        int offset = ((setup[0x20E] & 0xff) | (setup[0x20F] & 0xff) << 8) + 0x200;
        int end = offset;
        while (end < length && setup[end] != 0 && setup[end] != ' ') {
            end++;
        }
        return end > offset && end < length ? new String(setup, offset, end - offset, StandardCharsets.US_ASCII) : null;
    }
}

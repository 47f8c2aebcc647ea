package dev.unikernel.engine.vm;

import com.github.luben.zstd.ZstdInputStream;
import dev.unikernel.engine.UnikernelException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A kernel module file as modules.dep names it: plain ({@code .ko}) or compressed ({@code .ko.xz},
 * {@code .ko.zst}, {@code .ko.gz}, as Ubuntu, Fedora and Arch ship them). The initramfs always gets
 * the plain ELF object: finit_module(2) takes a compressed one only from kernels built with
 * CONFIG_MODULE_DECOMPRESS (and the right algorithm), while every kernel loads a plain one.
 */
public final class ModuleFile {

    private static final String PLAIN = ".ko";
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    private ModuleFile() {
    }

    /** The name the module gets in the initramfs: {@code virtio_net.ko.zst} becomes {@code virtio_net.ko}. */
    public static String plainName(String file) throws UnikernelException {
        String base = file.substring(file.lastIndexOf('/') + 1);
        int ko = base.lastIndexOf(PLAIN);
        if (ko < 0 || compression(base.substring(ko)) == null) {
            throw unsupported(file);
        }
        return base.substring(0, ko + PLAIN.length());
    }

    /** The module's ELF object, decompressed when its name says it is compressed. */
    public static byte[] read(Path file) throws UnikernelException {
        String name = file.getFileName().toString();
        int ko = name.lastIndexOf(PLAIN);
        String compression = ko < 0 ? null : compression(name.substring(ko));
        if (compression == null) {
            throw unsupported(file.toString());
        }
        byte[] module;
        try (InputStream raw = Files.newInputStream(file); InputStream in = decompressing(compression, raw)) {
            module = in.readAllBytes();
        } catch (LinkageError e) {
            // zstd-jni unpacks libzstd into java.io.tmpdir and loads it from there.
            throw new UnikernelException("cannot decompress kernel module " + file + ": the zstd library did not load ("
                    + e + "); if java.io.tmpdir is missing or mounted noexec, point it elsewhere"
                    + " (MAVEN_OPTS=-Djava.io.tmpdir=DIR), or decompress the modules with unzstd and fix modules.dep", e);
        } catch (IOException e) {
            String why = e instanceof EOFException ? "it ends too early" : e.getMessage();
            throw new UnikernelException("kernel module " + file + " cannot be read" + (compression.isEmpty() ? "" : " as "
                    + compression) + " (" + why + "): reinstall the kernel's package or fix <kernelModules>", e);
        }
        if (!startsWithElf(module)) {
            throw new UnikernelException("kernel module " + file + " is not an ELF object"
                    + (compression.isEmpty() ? "" : " once decompressed as " + compression)
                    + ": reinstall the kernel's package or fix <kernelModules>");
        }
        return module;
    }

    /** The compression a suffix after the module's name means ("" for none), or null for none we know. */
    private static String compression(String suffix) {
        return switch (suffix) {
            case ".ko" -> "";
            case ".ko.xz" -> "xz";
            case ".ko.zst" -> "zstd";
            case ".ko.gz" -> "gzip";
            default -> null;
        };
    }

    private static InputStream decompressing(String compression, InputStream raw) throws IOException {
        return switch (compression) {
            case "xz" -> new XZInputStream(raw);
            case "zstd" -> new ZstdInputStream(raw);
            case "gzip" -> new GZIPInputStream(raw);
            default -> raw;
        };
    }

    private static boolean startsWithElf(byte[] bytes) {
        if (bytes.length < ELF.length) {
            return false;
        }
        for (int i = 0; i < ELF.length; i++) {
            if (bytes[i] != ELF[i]) {
                return false;
            }
        }
        return true;
    }

    private static UnikernelException unsupported(String file) {
        return new UnikernelException("kernel module " + file + " is neither .ko nor .ko.xz, .ko.zst or .ko.gz:"
                + " the vm target cannot load it; decompress it (and fix modules.dep) or set <kernelModules>");
    }
}

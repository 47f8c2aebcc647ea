package dev.unikernel.engine.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.engine.UnikernelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module files compressed by the real xz, zstd and gzip tools (Debian: xz-utils, zstd), as distributions ship them. */
class ModuleFileTest {

    @TempDir
    Path dir;

    /** Stands for a module: an ELF header's magic, then bytes that compress somewhat, as code does. */
    private static byte[] module() {
        byte[] bytes = new byte[100_000];
        Random random = new Random(42);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (random.nextInt(16) * 3);
        }
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, bytes, 0, 7);
        return bytes;
    }

    /** Runs {@code command} on {@code input}, which the tool replaces by its compressed file. */
    private static void compress(Path input, String... command) throws Exception {
        List<String> words = new java.util.ArrayList<>(List.of(command));
        words.add(input.toString());
        Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + words);
        assertEquals(0, process.exitValue(), words + ": " + output);
    }

    /** Writes {@code content} to {@code name} and compresses it there with {@code command} (which removes it). */
    private void compressed(String name, byte[] content, String... command) throws Exception {
        compress(Files.write(dir.resolve(name), content), command);
    }

    @Test
    void readsModulesCompressedWithXzZstdAndGzipAsTheyWere() throws Exception {
        byte[] module = module();
        // xz as the kernel's own build compresses modules (CRC32: the in-kernel decompressor checks no other).
        compressed("virtio.ko", module, "xz", "--check=crc32", "--lzma2=dict=1MiB");
        compressed("virtio_ring.ko", module, "zstd", "-q", "--rm", "-T1", "-19");
        compressed("failover.ko", module, "gzip", "-n", "-9");
        for (Path file : List.of(dir.resolve("virtio.ko.xz"), dir.resolve("virtio_ring.ko.zst"), dir.resolve("failover.ko.gz"))) {
            assertTrue(Files.isRegularFile(file), file + " was made");
            assertTrue(Files.size(file) < module.length, file + " is compressed");
            assertArrayEquals(module, ModuleFile.read(file), file.toString());
        }
        Path plain = Files.write(dir.resolve("net_failover.ko"), module);
        assertArrayEquals(module, ModuleFile.read(plain));
    }

    @Test
    void theInitramfsNameDropsTheCompressionSuffix() throws Exception {
        assertEquals("virtio_net.ko", ModuleFile.plainName("kernel/drivers/net/virtio_net.ko.zst"));
        assertEquals("virtio_net.ko", ModuleFile.plainName("kernel/drivers/net/virtio_net.ko.xz"));
        assertEquals("virtio_net.ko", ModuleFile.plainName("kernel/drivers/net/virtio_net.ko.gz"));
        assertEquals("virtio_net.ko", ModuleFile.plainName("kernel/drivers/net/virtio_net.ko"));
        UnikernelException e = assertThrows(UnikernelException.class,
                () -> ModuleFile.plainName("kernel/drivers/net/virtio_net.ko.bz2"));
        assertTrue(e.getMessage().contains("kernel module kernel/drivers/net/virtio_net.ko.bz2 is neither .ko nor"),
                e.getMessage());
    }

    @Test
    void aTruncatedModuleIsNamedWithItsCompression() throws Exception {
        compressed("virtio.ko", module(), "zstd", "-q", "--rm");
        Path zst = dir.resolve("virtio.ko.zst");
        byte[] whole = Files.readAllBytes(zst);
        Files.write(zst, Arrays.copyOf(whole, whole.length / 2));
        UnikernelException e = assertThrows(UnikernelException.class, () -> ModuleFile.read(zst));
        assertTrue(e.getMessage().startsWith("kernel module " + zst + " cannot be read as zstd ("), e.getMessage());

        compressed("virtio_ring.ko", module(), "xz", "--check=crc32");
        Path xz = dir.resolve("virtio_ring.ko.xz");
        byte[] bytes = Files.readAllBytes(xz);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(xz, bytes);
        e = assertThrows(UnikernelException.class, () -> ModuleFile.read(xz));
        assertTrue(e.getMessage().startsWith("kernel module " + xz + " cannot be read as xz ("), e.getMessage());
    }

    @Test
    void aFileThatIsNoElfObjectIsRefused() throws Exception {
        compressed("virtio.ko", "not a module\n".repeat(100).getBytes(), "xz", "--check=crc32");
        Path xz = dir.resolve("virtio.ko.xz");
        UnikernelException e = assertThrows(UnikernelException.class, () -> ModuleFile.read(xz));
        assertEquals("kernel module " + xz + " is not an ELF object once decompressed as xz: reinstall the kernel's"
                + " package or fix <kernelModules>", e.getMessage());
        Path zst = Files.write(dir.resolve("virtio_ring.ko.zst"), "plain text, not zstd".getBytes());
        e = assertThrows(UnikernelException.class, () -> ModuleFile.read(zst));
        assertTrue(e.getMessage().startsWith("kernel module " + zst + " cannot be read as zstd ("), e.getMessage());
    }
}

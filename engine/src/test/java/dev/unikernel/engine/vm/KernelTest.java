package dev.unikernel.engine.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.engine.UnikernelException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelTest {

    @TempDir
    Path temp;

    @Test
    void picksTheNewestReleaseNumerically() throws Exception {
        Path boot = Files.createDirectory(temp.resolve("boot"));
        for (String release : new String[] {"6.1.0-9-cloud-amd64", "6.1.0-10-cloud-amd64", "5.10.0-30-amd64"}) {
            Files.writeString(boot.resolve("vmlinuz-" + release), "not a bzImage");
        }
        Files.writeString(boot.resolve("config-6.2.0-1-amd64"), "");
        assertEquals(boot.resolve("vmlinuz-6.1.0-10-cloud-amd64"), Kernel.newest(boot));
        assertTrue(Kernel.compareReleases("6.10.0-1", "6.9.0-1") > 0);
    }

    @Test
    void findsTheModulesOfTheReleaseNamedInTheFile() throws Exception {
        Path boot = Files.createDirectory(temp.resolve("boot"));
        Files.writeString(boot.resolve("vmlinuz-6.1.0-9-cloud-amd64"), "not a bzImage");
        Path libModules = temp.resolve("modules");
        Files.createDirectories(libModules.resolve("6.1.0-9-cloud-amd64"));
        UnikernelException missing = assertThrows(UnikernelException.class,
                () -> Kernel.locate(null, null, boot, libModules));
        assertTrue(missing.getMessage().contains("no modules.dep") && missing.getMessage().contains("<kernelModules>"),
                missing.getMessage());
        Files.writeString(libModules.resolve("6.1.0-9-cloud-amd64/modules.dep"), "");
        Kernel kernel = Kernel.locate(null, null, boot, libModules);
        assertEquals("6.1.0-9-cloud-amd64", kernel.version());
        assertEquals(libModules.resolve("6.1.0-9-cloud-amd64"), kernel.modules());
        assertNull(Kernel.releaseOf(boot.resolve("vmlinuz-6.1.0-9-cloud-amd64")));
    }

    @Test
    void anEmptyBootSaysWhatToInstall() throws Exception {
        Path boot = Files.createDirectory(temp.resolve("boot"));
        UnikernelException e = assertThrows(UnikernelException.class, () -> Kernel.locate(null, null, boot, temp));
        assertTrue(e.getMessage().startsWith("no kernel found in " + boot + ": install linux-image-cloud-amd64"),
                e.getMessage());
    }

    @Test
    void readsTheReleaseFromARealBzImage() throws Exception {
        try (var files = Files.list(Path.of("/boot"))) {
            Path image = files.filter(f -> f.getFileName().toString().startsWith("vmlinuz-")).findFirst().orElse(null);
            org.junit.jupiter.api.Assumptions.assumeTrue(image != null && Files.isReadable(image),
                    "no readable /boot/vmlinuz-* (Debian package linux-image-cloud-amd64)");
            assertEquals(image.getFileName().toString().substring("vmlinuz-".length()), Kernel.releaseOf(image));
        }
    }
}

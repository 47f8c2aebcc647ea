package dev.unikernel.engine.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.engine.UnikernelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleDependenciesTest {

    /** The virtio lines of Debian 12's modules.dep (6.1.0-56-cloud-amd64), in its own order. */
    private static final String MODULES_DEP = """
            kernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko
            kernel/drivers/virtio/virtio_ring.ko:
            kernel/drivers/virtio/virtio_pci_modern_dev.ko:
            kernel/drivers/virtio/virtio_pci_legacy_dev.ko:
            kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_pci_legacy_dev.ko kernel/drivers/virtio/virtio_pci_modern_dev.ko kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
            kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
            kernel/drivers/net/virtio_net.ko: kernel/drivers/net/net_failover.ko kernel/net/core/failover.ko kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
            kernel/drivers/net/net_failover.ko: kernel/net/core/failover.ko
            kernel/net/core/failover.ko:
            """;

    @TempDir
    Path modules;

    @Test
    void loadsEveryModuleAfterItsDependenciesOnce() throws Exception {
        Files.writeString(modules.resolve("modules.dep"), MODULES_DEP);
        Files.writeString(modules.resolve("modules.builtin"), "kernel/drivers/char/hw_random/rng-core.ko\n");
        List<String> order = ModuleDependencies.read(modules).loadOrder(List.of("virtio_pci", "virtio_blk",
                "virtio-net", "rng_core"));
        assertEquals(List.of(
                "kernel/drivers/virtio/virtio_pci_legacy_dev.ko",
                "kernel/drivers/virtio/virtio_pci_modern_dev.ko",
                "kernel/drivers/virtio/virtio_ring.ko",
                "kernel/drivers/virtio/virtio.ko",
                "kernel/drivers/virtio/virtio_pci.ko",
                "kernel/drivers/block/virtio_blk.ko",
                "kernel/net/core/failover.ko",
                "kernel/drivers/net/net_failover.ko",
                "kernel/drivers/net/virtio_net.ko"), order);
    }

    @Test
    void compressedModulesAreFoundByTheirNames() throws Exception {
        // Ubuntu's modules.dep names .ko.zst files, Fedora's .ko.xz.
        Files.writeString(modules.resolve("modules.dep"), MODULES_DEP.replace(".ko", ".ko.zst")
                .replace("failover.ko.zst", "failover.ko.xz"));
        assertEquals(List.of(
                "kernel/net/core/failover.ko.xz",
                "kernel/drivers/net/net_failover.ko.xz",
                "kernel/drivers/virtio/virtio_ring.ko.zst",
                "kernel/drivers/virtio/virtio.ko.zst",
                "kernel/drivers/net/virtio_net.ko.zst"), ModuleDependencies.read(modules).loadOrder(List.of("virtio_net")));
    }

    @Test
    void anUnknownModuleIsNamed() throws Exception {
        Files.writeString(modules.resolve("modules.dep"), MODULES_DEP);
        UnikernelException e = assertThrows(UnikernelException.class,
                () -> ModuleDependencies.read(modules).loadOrder(List.of("virtio_gpu")));
        assertTrue(e.getMessage().contains("kernel module virtio_gpu is neither in"), e.getMessage());
    }
}

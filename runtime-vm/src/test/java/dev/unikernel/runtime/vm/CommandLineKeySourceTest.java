package dev.unikernel.runtime.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.Secret;
import dev.unikernel.api.boot.KeyException;
import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineKeySourceTest {

    private static final List<KeySpec> KEYS = List.of(
            KeySpec.withDefault("name", KeyType.STRING, "world", "who to greet"),
            KeySpec.withDefault("port", KeyType.INT, "22", "TCP port"),
            KeySpec.withDefault("read-only", KeyType.BOOLEAN, "false", "refuse writes"),
            KeySpec.required("passphrase", KeyType.SECRET, "LUKS passphrase"));

    @TempDir
    Path secrets;

    @Test
    void readsPrefixedWordsAndIgnoresTheKernelsOwn() throws Exception {
        String line = "console=ttyS0 quiet rdinit=/jre/bin/java unikernel.name=\"Ada Lovelace\" unikernel.port=2022"
                + " unikernel.read-only LD_LIBRARY_PATH=/jre/lib -- @/app/java.args unikernel.port=9";
        Map<String, String> values = new CommandLineKeySource(line, secrets).values(KEYS);
        assertEquals(Map.of("name", "Ada Lovelace", "port", "2022", "read-only", "true"), values);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String line = "unikernel.nmae=x unikernel.port unikernel.name=a unikernel.name=b";
        KeyException e = assertThrows(KeyException.class, () -> new CommandLineKeySource(line, secrets).values(KEYS));
        assertEquals(List.of("unknown key unikernel.nmae on the kernel command line",
                "unikernel.port needs a value: unikernel.port=NUMBER",
                "key unikernel.name is given twice"), e.problems());
    }

    @Test
    void refusesASecretOnTheCommandLineWithoutEchoingIt() {
        KeyException e = assertThrows(KeyException.class,
                () -> new CommandLineKeySource("unikernel.passphrase=hunter2", secrets).values(KEYS));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("-fw_cfg name=opt/unikernel/passphrase,file=PATH"), e.getMessage());
    }

    @Test
    void readsSecretsFromFirmwareConfigFiles() throws Exception {
        KeySpec passphrase = KEYS.get(3);
        CommandLineKeySource source = new CommandLineKeySource("", secrets);
        assertNull(source.secret(passphrase));
        Path raw = secrets.resolve("opt/unikernel/passphrase/raw");
        Files.createDirectories(raw.getParent());
        Files.writeString(raw, "correct horse\n");
        try (Secret secret = source.secret(passphrase)) {
            // Exactly the file's bytes, as on unix (like cryptsetup --key-file).
            assertArrayEquals("correct horse\n".getBytes(StandardCharsets.UTF_8), secret.bytes());
            assertEquals("qemu fw_cfg opt/unikernel/passphrase", secret.origin());
        }
    }

    @Test
    void helpIsAWordOfItsOwn() throws Exception {
        assertTrue(new CommandLineKeySource("quiet unikernel.help", secrets).helpRequested());
        assertFalse(new CommandLineKeySource("quiet -- unikernel.help", secrets).helpRequested());
        assertEquals(Map.of(), new CommandLineKeySource("unikernel.help", secrets).values(KEYS));
    }

    @Test
    void splitsLikeTheKernel() {
        assertEquals(List.of("a", "b=c d", "e"), CommandLine.words("  a \"b=c d\"  e  -- f g"));
        assertEquals(List.of("x=", "y"), CommandLine.words("x=\"\" y"));
    }

    @Test
    void givesModulesTheirCommandLineParameters() {
        String line = "virtio_mmio.device=4K@0xd0000000:5 virtio-mmio.device=4K@0xd0001000:6 virtio.x=1 quiet";
        assertEquals("device=4K@0xd0000000:5 device=4K@0xd0001000:6", KernelModules.parameters("virtio_mmio", line));
        assertEquals("", KernelModules.parameters("virtio_net", line));
        assertEquals("virtio_mmio", KernelModules.moduleName("/lib/modules/6.1/kernel/drivers/virtio/virtio-mmio.ko"));
    }

    @Test
    void parsesAddressesStrictly() {
        assertArrayEquals(new byte[] {10, 0, 2, 15}, Ipv4.parse("ip", "10.0.2.15"));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, 0}, Ipv4.parseNetmask("netmask", "255.255.255.0"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("ip", "example.com"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("ip", "10.0.2.256"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("ip", "10.0.2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ipv4.parseNetmask("netmask", "255.0.255.0"));
        assertTrue(e.getMessage().contains("not a netmask"), e.getMessage());
    }
}

package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/hello built for the vm target and booted under qemu with TCG (no KVM needed): Java is
 * PID 1, greets on the serial console, and powers the VM off with its exit code. Needs the Debian
 * packages qemu-system-x86 and linux-image-cloud-amd64.
 */
class VmHelloTest {

    private static final Path HELLO = Examples.HELLO;
    private static final Path VM = HELLO.resolve("target/unikernel/vm");
    /** TCG everywhere: /dev/kvm may exist where KVM cannot run guests. */
    private static final Map<String, String> TCG = Map.of("UNIKERNEL_ACCEL", "tcg");

    @BeforeAll
    static void hostHasQemuAndAKernel() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")),
                "qemu-system-x86_64 is missing: apt-get install qemu-system-x86");
        try (var boot = Files.list(Path.of("/boot"))) {
            assertTrue(boot.anyMatch(f -> f.getFileName().toString().startsWith("vmlinuz-")),
                    "no /boot/vmlinuz-*: apt-get install linux-image-cloud-amd64");
        }
    }

    private static void build() throws Exception {
        Command.maven(HELLO, "-q", "unikernel:clean", "unikernel:build",
                "-Dtarget=vm").runOk(Duration.ofMinutes(5));
    }

    @Test
    void bootsGreetsAndPowersOffWithTheExitCodeAndBuildsReproducibly() throws Exception {
        build();
        for (String file : new String[] {"hello.kernel", "hello.initrd", "run-qemu", "firecracker.json"}) {
            assertTrue(Files.isRegularFile(VM.resolve(file)), "no " + file + " in " + VM);
        }
        byte[] firstInitrd = Files.readAllBytes(VM.resolve("hello.initrd"));

        long start = System.nanoTime();
        Command.Result boot = Command.of(VM, VM.resolve("run-qemu").toString(), "--name=Ada")
                .withEnvironment(TCG).run(Duration.ofMinutes(3));
        System.out.printf("hello booted and powered off under TCG in %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertEquals(0, boot.exitCode(), boot.output());
        assertTrue(boot.output().matches("(?s).*Hello, Ada! It is \\d{4}-.*Z; your lucky number is [0-9a-f]{16}\\.\\r?\\n.*"),
                boot.output());
        assertTrue(boot.output().contains("unikernel exit 0"), boot.output());
        assertFalse(boot.output().contains("not loaded"), "every virtio module loads:\n" + boot.output());

        Command.Result unknown = Command.of(VM, VM.resolve("run-qemu").toString(), "--nmae=Ada").run(Duration.ofMinutes(1));
        assertEquals(2, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("unknown argument --nmae=Ada"), unknown.output());

        build();
        assertArrayEquals(firstInitrd, Files.readAllBytes(VM.resolve("hello.initrd")),
                "two clean builds give bit-identical initrds");
    }

    @Test
    void theApplicationsExitCodeAndKeyProblemsReachTheHost() throws Exception {
        if (!Files.isRegularFile(VM.resolve("run-qemu"))) {
            build();
        }
        // A key the application does not declare, given straight on the kernel command line: the VM
        // boots, reports it, and exits 2 like the unix program does.
        String script = Files.readString(VM.resolve("run-qemu"));
        Path patched = Files.writeString(VM.resolve("run-qemu-test"),
                script.replace("-- @/app/java.args", "unikernel.nmae=Ada -- @/app/java.args"));
        patched.toFile().setExecutable(true);
        Command.Result wrong = Command.of(VM, patched.toString()).withEnvironment(TCG).run(Duration.ofMinutes(3));
        Files.delete(patched);
        assertEquals(2, wrong.exitCode(), wrong.output());
        assertTrue(wrong.output().contains("hello: unknown key unikernel.nmae on the kernel command line"), wrong.output());
        assertTrue(wrong.output().contains("unikernel exit 2"), wrong.output());
    }
}

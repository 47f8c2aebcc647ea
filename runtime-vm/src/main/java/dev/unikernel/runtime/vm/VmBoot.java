package dev.unikernel.runtime.vm;

import dev.unikernel.api.boot.ApplicationFactory;
import dev.unikernel.api.boot.ApplicationRunner;
import dev.unikernel.api.boot.KeySpec;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of a vm-target program, which the kernel starts as PID 1: mount /proc, /sys and
 * /dev, load the virtio modules, read keys from the kernel command line (secrets from qemu fw_cfg),
 * run the application, then sync, print {@code unikernel exit <code>} on the console and power the
 * VM off so the VMM exits. Outside a VM (not PID 1) it only runs the application.
 */
public final class VmBoot {

    /** The console line the host looks for; the code follows it. */
    public static final String EXIT_LINE = "unikernel exit ";
    /** A second serial port where the VMM may collect the exit code (run-qemu does). */
    private static final String EXIT_PORT = "/dev/ttyS1";
    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private VmBoot() {
    }

    public static void run(String name, String[] args, List<KeySpec> keys, ApplicationFactory factory) {
        boolean init = Linux.getpid() == 1;
        int code;
        CountDownLatch poweringOff = new CountDownLatch(1);
        try {
            if (init) {
                SystemMounts.mountAll();
                BootProgress.reached(BootProgress.JAVA);
            }
            String commandLine = CommandLine.read();
            if (init) {
                KernelModules.loadAll(commandLine, System.err);
                FirmwareFiles.copyAll(CommandLineKeySource.FW_CFG);
            }
            ApplicationRunner runner = new ApplicationRunner(name, keys,
                    new CommandLineKeySource(commandLine, CommandLineKeySource.FW_CFG), System.out, System.err);
            // A SIGINT or SIGTERM reaching the JVM stops the application cleanly before the power-off.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runner.stopAndWait(STOP_TIMEOUT_MILLIS);
                awaitQuietly(poweringOff);
            }, name + "-stop"));
            if (init) {
                // The VMM's "power down" (ACPI button): stop the application; run() then returns and we power off.
                PowerButton.watch(() -> {
                    System.out.println(name + ": power button pressed: stopping");
                    Thread.ofPlatform().daemon().name(name + "-power").start(() -> runner.stopAndWait(STOP_TIMEOUT_MILLIS));
                });
            }
            if (CommandLine.words(commandLine).contains(CommandLineKeySource.PREFIX + "debug")) {
                MemoryReport.startEvery(5_000);
            }
            if (init) {
                BootProgress.reached(BootProgress.APPLICATION);
            }
            code = runner.run(factory);
        } catch (IOException | RuntimeException e) {
            System.err.println(name + ": the VM could not boot: " + e.getMessage());
            code = ApplicationRunner.EXIT_FAILURE;
        }
        if (!init) {
            System.out.flush();
            System.exit(code);
        }
        powerOff(code);
        poweringOff.countDown();
    }

    /**
     * Entry point of a VM whose init words all belong to the application (its {@code Arguments}
     * device has them): the same boot, since keys come from the kernel's own words before {@code --}
     * in any case.
     */
    public static void run(String name, List<KeySpec> keys, ApplicationFactory factory) {
        run(name, new String[0], keys, factory);
    }

    /** Syncs, reports the code on the console (and to the VMM), and powers off; returns only if that failed. */
    static void powerOff(int code) {
        System.out.flush();
        System.err.flush();
        Linux.sync();
        System.out.println(EXIT_LINE + code);
        System.out.flush();
        reportToVmm(code);
        int errno = Linux.reboot(Linux.RB_POWER_OFF);
        System.out.println("unikernel: power off failed (" + Linux.strerror(errno) + "); rebooting instead");
        System.out.flush();
        Linux.reboot(Linux.RB_AUTOBOOT);
    }

    /** Writes the code to the second serial port; VMMs without one simply miss it. */
    private static void reportToVmm(int code) {
        try (OutputStream port = new FileOutputStream(EXIT_PORT)) {
            port.write((code + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException absent) {
            // Firecracker has one serial port: the console line is the only report there.
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.unikernel.runtime.vm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The VM's ACPI power button (qemu's {@code system_powerdown}, which run-qemu sends on Ctrl-C or
 * SIGTERM), read from its evdev node: with no acpid, PID 1 watches the key itself and asks the
 * application to stop, so the disk is flushed and closed before the power-off.
 */
final class PowerButton {

    private static final int EVENT_SIZE = 24; // struct input_event on x86-64: timeval, type, code, value
    private static final int EV_KEY = 1;
    private static final int KEY_POWER = 116;

    private PowerButton() {
    }

    /** Starts a daemon thread per power button found; each press runs {@code onPress}. Returns how many. */
    static int watch(Runnable onPress) throws IOException {
        Path input = Path.of("/sys/class/input");
        if (!Files.isDirectory(input)) {
            return 0;
        }
        int watched = 0;
        try (Stream<Path> devices = Files.list(input)) {
            for (Path device : devices.filter(d -> d.getFileName().toString().startsWith("event")).sorted().toList()) {
                Path name = device.resolve("device/name");
                if (Files.isRegularFile(name) && Files.readString(name).strip().equals("Power Button")) {
                    Path node = Path.of("/dev/input").resolve(device.getFileName());
                    Thread thread = new Thread(() -> read(node, onPress), "power-button");
                    thread.setDaemon(true);
                    thread.start();
                    watched++;
                }
            }
        }
        return watched;
    }

    private static void read(Path node, Runnable onPress) {
        byte[] event = new byte[EVENT_SIZE];
        try (InputStream in = Files.newInputStream(node)) {
            while (in.readNBytes(event, 0, EVENT_SIZE) == EVENT_SIZE) {
                ByteBuffer b = ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN);
                if (b.getShort(16) == EV_KEY && b.getShort(18) == KEY_POWER && b.getInt(20) == 1) {
                    onPress.run();
                }
            }
        } catch (IOException e) {
            System.err.println("unikernel: power button " + node + " unreadable: " + e.getMessage());
        }
    }
}

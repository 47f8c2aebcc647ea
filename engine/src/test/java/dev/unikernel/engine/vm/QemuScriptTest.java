package dev.unikernel.engine.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.runtime.unix.FileBlockDevice;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run-qemu, run by sh against a stand-in qemu that records its arguments and reports an exit code. */
class QemuScriptTest {

    @TempDir
    Path dir;

    private Path script;
    private Path recorded;

    @BeforeEach
    void write() throws Exception {
        QemuScript qemu = new QemuScript("sftp", "sftp.kernel", "sftp.initrd",
                "console=ttyS0 rdinit=/jre/bin/java", "@/app/java.args", "256M", 1, List.of("disk"),
                List.of("passphrase"), List.of(
                        new QemuScript.KeyLine("port", false, false, "--port=NUMBER", "TCP port (default: 22)"),
                        new QemuScript.KeyLine("read-only", true, false, "--read-only=true|false", "refuse writes"),
                        new QemuScript.KeyLine("name", false, false, "--name=TEXT", "who"),
                        new QemuScript.KeyLine("host-key", false, true, "--host-key=PATH", "host key"),
                        new QemuScript.KeyLine("authorized-keys", false, true, "--authorized-keys=PATH", "keys"),
                        new QemuScript.KeyLine("format-blank", true, false, "--format-blank", "format a blank disk")),
                true);
        script = dir.resolve("run-qemu");
        Files.writeString(script, qemu.text());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        recorded = dir.resolve("args");
        // The stand-in writes each argument on a line, a console line, the boot's phases to the third serial
        // port's pipe as runtime-vm's BootProgress does (FAKE_BOOT_SECONDS apart), then the exit code 3 to
        // the second serial port's file.
        Path fake = dir.resolve("fake-qemu");
        Files.writeString(fake, """
                #!/bin/sh
                for a in "$@"; do printf '%s\\n' "$a"; done > "$RECORD"
                prev=''
                progress=''
                for a in "$@"; do
                    case "$prev:$a" in
                    -serial:file:*) exit="${a#file:}" ;;
                    -serial:pipe:*) progress="${a#pipe:}.out" ;;
                    esac
                    prev=$a
                done
                printf 'java 1.25\\r\\n' > "$progress"
                sleep "${FAKE_BOOT_SECONDS:-0}"
                printf 'application 2.50\\r\\n' > "$progress"
                echo 'the console'
                printf '3\\n' > "$exit"
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("QEMU", dir.resolve("fake-qemu").toString(), "RECORD", recorded.toString(),
                "UNIKERNEL_ACCEL", "tcg"));
        Process process = builder.start();
        process.getInputStream().transferTo(System.out);
        return process.waitFor();
    }

    private List<String> arguments() throws Exception {
        return Files.readAllLines(recorded, StandardCharsets.UTF_8);
    }

    private String after(List<String> arguments, String option) {
        return arguments.get(arguments.indexOf(option) + 1);
    }

    @Test
    void translatesKeysDisksSecretsAndForwards() throws Exception {
        Path image = Files.write(dir.resolve("disk,1.img"), new byte[512]);
        Path secret = Files.writeString(dir.resolve("pass"), "hunter2\n");
        Path keys = Files.writeString(dir.resolve("authorized_keys"), "ssh-ed25519 AAAA test\n");
        Path hostKey = Files.writeString(dir.resolve("host key"), "a key\n");
        int code = run("--port=2022", "--name=Ada Lovelace", "--read-only", "--disk=" + image,
                "--passphrase-file=" + secret, "--forward=2222:22", "--memory=512M", "--authorized-keys=" + keys,
                "--host-key=" + hostKey);
        assertEquals(3, code, "run-qemu exits with the code the guest reported");
        List<String> arguments = arguments();
        String append = after(arguments, "-append");
        assertEquals("console=ttyS0 rdinit=/jre/bin/java unikernel.port=\"2022\" unikernel.name=\"Ada Lovelace\""
                + " unikernel.read-only unikernel.authorized-keys=/run/unikernel/files/authorized-keys"
                + " unikernel.host-key=/run/unikernel/files/host-key unikernel.disk=/dev/vda -- @/app/java.args", append);
        assertTrue(arguments.contains("name=opt/unikernel/files/host-key,file=" + hostKey), arguments.toString());
        assertTrue(arguments.contains("name=opt/unikernel/files/authorized-keys,file=" + keys), arguments.toString());
        assertEquals("file=" + dir.resolve("disk,,1.img") + ",format=raw,if=none,id=disk,cache=writeback",
                after(arguments, "-drive"));
        assertTrue(arguments.contains("virtio-blk-pci,drive=disk,serial=disk"), arguments.toString());
        assertTrue(arguments.contains("name=opt/unikernel/passphrase,file=" + secret), arguments.toString());
        assertEquals("user,id=net0,hostfwd=tcp:127.0.0.1:2222-:22", after(arguments, "-netdev"));
        assertEquals("512M", after(arguments, "-m"));
        assertEquals("tcg", after(arguments, "-accel"));
        assertTrue(arguments.contains("-no-reboot") && arguments.contains("stdio"), arguments.toString());
        assertFalse(String.join(" ", arguments).contains("hunter2"), "the secret is on no command line");
    }

    @Test
    void refusesSecretValuesUnknownKeysAndBadForwards() throws Exception {
        assertEquals(2, run("--passphrase=hunter2"));
        assertEquals(2, run("--nmae=Ada"));
        assertEquals(2, run("--forward=22"));
        assertEquals(2, run("--disk=" + dir.resolve("missing.img")));
        assertFalse(Files.exists(recorded), "qemu never started");
    }

    @Test
    void createSizeMakesAMissingImageOwnerOnlyAndFormatsItAtThatBootOnly() throws Exception {
        Path image = dir.resolve("new.img");
        assertEquals(3, run("--disk=" + image, "--create-size=16M"));
        assertEquals(16L << 20, Files.size(image));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)));
        assertTrue(after(arguments(), "-append").contains(" unikernel.format-blank "), arguments().toString());
        // The next boot finds the image: it is opened as it is, never formatted again.
        assertEquals(3, run("--disk=" + image, "--create-size=16M"));
        assertFalse(after(arguments(), "-append").contains("format-blank"), arguments().toString());
        // Without --create-size a missing image is an error that names the option.
        String[] result = runWith(Map.of("QEMU", dir.resolve("fake-qemu").toString(), "RECORD", recorded.toString(),
                "UNIKERNEL_ACCEL", "tcg"), "--disk=" + dir.resolve("missing.img"));
        assertEquals("2", result[0], result[1]);
        assertTrue(result[1].contains("does not exist (give --create-size=SIZE to create it)"), result[1]);
    }

    @Test
    void anImageAnotherProgramHoldsFailsAtOnceNamingItAndAKilledHolderNeverBlocks() throws Exception {
        Path image = Files.write(dir.resolve("disk.img"), new byte[512]);
        try (FileBlockDevice held = FileBlockDevice.open(image, false)) {
            String[] result = runWith(Map.of("QEMU", dir.resolve("fake-qemu").toString(), "RECORD", recorded.toString(),
                    "UNIKERNEL_ACCEL", "tcg"), "--disk=" + image);
            assertEquals("2", result[0], result[1]);
            assertEquals("run-qemu: disk image " + image + " is in use by PID " + ProcessHandle.current().pid()
                    + " (java): stop it first (two programs writing one image corrupt it)\n", result[1]);
            assertFalse(Files.exists(recorded), "qemu never started");
        }
        // A POSIX lock as the server's, held by a process that is then killed: it goes with the process.
        Process holder = new ProcessBuilder("python3", "-c", "import fcntl, sys, time\n"
                + "f = open(sys.argv[1], 'r+b'); fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB); print('held', flush=True)\n"
                + "time.sleep(600)", image.toString()).redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertEquals("held", line);
            assertEquals(2, run("--disk=" + image), "held by python3");
        } finally {
            holder.destroyForcibly().waitFor();
        }
        assertEquals(3, run("--disk=" + image), "the killed holder's lock went with it");
    }

    @Test
    void aValueThatWouldSplitIntoKernelWordsIsRefusedBeforeQemuStarts() throws Exception {
        for (String value : List.of("Ada\tunikernel.port=1", "Ada\nunikernel.port=1", "Ada\" unikernel.port=\"1",
                "Ada\runikernel.port=1")) {
            String[] result = runWith(Map.of("QEMU", dir.resolve("fake-qemu").toString(), "RECORD", recorded.toString()),
                    "--name=" + value);
            assertEquals("2", result[0], result[1]);
            assertTrue(result[1].startsWith("run-qemu: --name: a value cannot contain a "), result[1]);
        }
        assertFalse(Files.exists(recorded), "qemu never started");
        // Inside quotes spaces and the kernel's other words are the value's.
        run("--name=a b -- init=/bin/sh");
        assertTrue(after(arguments(), "-append").contains(" unikernel.name=\"a b -- init=/bin/sh\" "), arguments().toString());
    }

    @Test
    void aPathKeyNamingNoHostFileIsAnErrorNotANewFileInTheGuest() throws Exception {
        Path missing = dir.resolve("host_ed25519");
        String[] result = runWith(Map.of("QEMU", dir.resolve("fake-qemu").toString(), "RECORD", recorded.toString()),
                "--host-key=" + missing);
        assertEquals("2", result[0], result[1]);
        assertEquals("run-qemu: --host-key=" + missing + ": no such file on the host: run-qemu hands the file to the VM,"
                + " whose own files live in RAM and are lost at every boot (create it first)\n", result[1]);
        assertFalse(Files.exists(recorded), "qemu never started");
    }

    /** Runs the script with {@code environment} (and no stand-in qemu unless it names one); returns code and output. */
    private String[] runWith(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("UNIKERNEL_ACCEL");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {Integer.toString(process.waitFor()), output};
    }

    @Test
    void aMissingQemuNamesThePackageAndExits127WithNothingElse() throws Exception {
        String[] result = runWith(Map.of("QEMU", dir.resolve("no-such-qemu").toString(), "UNIKERNEL_ACCEL", "tcg"));
        assertEquals("127", result[0]);
        assertEquals("run-qemu: " + dir.resolve("no-such-qemu") + " not found: install it (Debian and Ubuntu: apt-get"
                + " install qemu-system-x86; Fedora: dnf install qemu-system-x86), or set QEMU to its path\n", result[1]);
        // --help needs no qemu.
        assertEquals("0", runWith(Map.of("QEMU", dir.resolve("no-such-qemu").toString()), "--help")[0]);
    }

    @Test
    void sayWhenItEmulatesAndThatItBoots() throws Exception {
        Map<String, String> fake = Map.of("QEMU", dir.resolve("fake-qemu").toString(), "RECORD", recorded.toString());
        String auto = runWith(fake)[1];
        // The same test as the script's: where KVM works here, it is used without a word.
        boolean kvm = Files.isReadable(Path.of("/dev/kvm")) && Files.isWritable(Path.of("/dev/kvm"))
                && java.util.regex.Pattern.compile("\\b(vmx|svm)\\b").matcher(Files.readString(Path.of("/proc/cpuinfo"))).find();
        assertEquals(!kvm, auto.contains("run-qemu: KVM is not usable here"), auto);
        assertTrue(auto.contains("run-qemu: booting sftp (256M RAM, 1 CPU, " + (kvm ? "KVM" : "TCG") + "); its console follows"), auto);
        String quiet = runWith(Map.of("QEMU", dir.resolve("fake-qemu").toString(), "RECORD", recorded.toString(),
                "UNIKERNEL_ACCEL", "tcg"))[1];
        assertFalse(quiet.contains("KVM is not usable"), quiet);
        assertTrue(quiet.contains("(256M RAM, 1 CPU, TCG)"), quiet);
    }

    @Test
    void showsTheBootsPhasesOnStderrAndLeavesTheConsoleAlone() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).directory(dir.toFile())
                .redirectError(dir.resolve("stderr").toFile()).redirectOutput(dir.resolve("stdout").toFile());
        builder.environment().putAll(Map.of("QEMU", dir.resolve("fake-qemu").toString(), "RECORD", recorded.toString(),
                "UNIKERNEL_ACCEL", "tcg"));
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "run-qemu ends when qemu does");
        assertEquals(3, process.exitValue());
        assertEquals("the console\n", Files.readString(dir.resolve("stdout")), "stdout is the console alone");
        String stderr = Files.readString(dir.resolve("stderr"));
        assertEquals("""
                run-qemu: booting sftp (256M RAM, 1 CPU, TCG); its console follows
                run-qemu: kernel up, Java running as PID 1 (1.25 s)
                run-qemu: kernel modules loaded, starting sftp (2.50 s)
                """, stderr, "no counter when stderr is no terminal");
    }

    @Test
    void onATerminalCountsTheSecondsUntilTheApplicationStartsThenErasesTheCount() throws Exception {
        // script(1) (bsdutils, essential in Debian) gives run-qemu a terminal.
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", "sh " + script, "/dev/null").directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("QEMU", dir.resolve("fake-qemu").toString(), "RECORD", recorded.toString(),
                "UNIKERNEL_ACCEL", "tcg", "FAKE_BOOT_SECONDS", "3"));
        Process process = builder.start();
        String terminal = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        String erase = "\r\033[K";
        assertTrue(terminal.contains(erase + "run-qemu: booting for 1 s") && terminal.contains(erase + "run-qemu: booting for 2 s"),
                terminal);
        String started = "run-qemu: kernel modules loaded, starting sftp (2.50 s)";
        int end = terminal.indexOf(started);
        assertTrue(end > 0 && terminal.startsWith(erase, end - erase.length()), "the count is erased first: " + terminal);
        assertFalse(terminal.substring(end).contains("booting for"), "and stops: " + terminal);
        assertTrue(terminal.contains("run-qemu: kernel up, Java running as PID 1 (1.25 s)"), terminal);
        assertTrue(terminal.contains("the console"), terminal);
    }

    @Test
    void helpListsTheKeys() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), "--help").redirectErrorStream(true);
        Process process = builder.start();
        String help = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        assertTrue(help.contains("--disk=IMAGE") && help.contains("--passphrase-file=PATH")
                && help.contains("--port=NUMBER") && help.contains("TCP port (default: 22)")
                && help.contains("--forward=H:G"), help);
    }
}

package dev.unikernel.engine.vm;

import java.util.List;

/**
 * The {@code run-qemu} launcher: a POSIX sh script that boots the VM in the foreground on qemu with
 * the serial port as its console. Keys become {@code unikernel.<key>=value} words of the kernel
 * command line; disk images become virtio-blk drives; secrets become qemu fw_cfg files (qemu reads
 * the file: the secret is on no command line); {@code --forward} adds host port forwards bound to
 * 127.0.0.1. It exits with the application's exit code, which the guest writes to a second serial
 * port.
 *
 * @param name           the program's name
 * @param kernel         the kernel's file name, next to the script
 * @param initrd         the initramfs's file name, next to the script
 * @param commandLine    the kernel's own words (console, rdinit, ...)
 * @param initArguments  the words after {@code --}: init's (java's) arguments
 * @param memory         default RAM, e.g. 256M
 * @param cpus           default virtual CPUs
 * @param disks          disk device names, in the order they get /dev/vda, /dev/vdb, ...
 * @param secrets        secret key names
 * @param keys           every other key: name, placeholder and doc, for --help and checking
 * @param network        whether the application has a network (a virtio-net device)
 */
public record QemuScript(String name, String kernel, String initrd, String commandLine, String initArguments,
        String memory, int cpus, List<String> disks, List<String> secrets, List<KeyLine> keys, boolean network) {

    /**
     * One key as run-qemu takes it. A {@code path} key must name an existing host file (else run-qemu
     * stops before qemu starts), handed to the guest by fw_cfg at {@value #GUEST_FILES}{@code <key>}.
     */
    public record KeyLine(String name, boolean bool, boolean path, String spelling, String doc) {
    }

    /** How long a stop request waits for the guest to power off before qemu is killed. */
    static final int STOP_SECONDS = 40;
    /** JVM options of run-qemu --debug-memory: native memory tracking, readable in the guest over the attach socket. */
    static final String DEBUG_MEMORY_JAVA_OPTIONS = "-XX:NativeMemoryTracking=summary -XX:+StartAttachListener";

    /** Where the guest's PID 1 puts files the host handed over (runtime-vm's FirmwareFiles). */
    public static final String GUEST_FILES = "/run/unikernel/files/";

    /** The virtio provider's key that lets the guest format a blank disk (runtime-vm's VirtioDevices). */
    static final String FORMAT_BLANK = "format-blank";

    public QemuScript {
        disks = List.copyOf(disks);
        secrets = List.copyOf(secrets);
        keys = List.copyOf(keys);
    }

    public String text() {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("# Boots ").append(name).append(" as a micro-VM under qemu (built by unikernel-maven-plugin for target vm).\n");
        s.append("# The serial port is the console; the exit code is the application's. run-qemu --help lists the keys.\n");
        s.append("# UNIKERNEL_ACCEL=kvm|tcg overrides the accelerator (default: kvm when /dev/kvm is usable), QEMU the binary.\n");
        s.append("set -eu\n");
        s.append("here=$(cd \"$(dirname \"$0\")\" && pwd)\n");
        s.append("qemu=${QEMU:-qemu-system-x86_64}\n");
        s.append("memory=${UNIKERNEL_MEMORY:-").append(memory).append("}\n");
        s.append("cpus=${UNIKERNEL_CPUS:-").append(cpus).append("}\n");
        s.append("words=''\n");
        s.append("args=''\n");
        s.append("forwards=''\n");
        s.append("createsize=''\n");
        s.append("created=''\n");
        for (int i = 0; i < disks.size(); i++) {
            s.append("disk").append(i).append("=''\n");
        }
        s.append("quote() { printf \"'%s'\" \"$(printf '%s' \"$1\" | sed \"s/'/'\\\\\\\\''/g\")\"; }\n");
        s.append("option() { printf '%s' \"$1\" | sed 's/,/,,/g'; }\n");
        s.append("fail() { echo \"run-qemu: $*\" >&2; exit 2; }\n");
        // Every value is quoted: the kernel splits its command line at spaces, tabs and newlines outside
        // double quotes, and has no escape for a double quote, so those and other control characters are refused.
        s.append("word() {\n");
        s.append("    case \"$2\" in *'\"'*) fail \"--$1: a value cannot contain a double quote on the kernel command line\";; esac\n");
        s.append("    case \"$2\" in *[[:cntrl:]]*) fail \"--$1: a value cannot contain a tab, a newline or another control"
                + " character on the kernel command line\";; esac\n");
        s.append("    words=\"$words unikernel.$1=\\\"$2\\\"\"\n");
        s.append("}\n");
        // A path key names a host file, handed over by fw_cfg: a file the guest made would live in its RAM.
        s.append("hostfile() {\n");
        s.append("    [ -f \"$2\" ] || fail \"--$1=$2: no such file on the host: run-qemu hands the file to the VM,"
                + " whose own files live in RAM and are lost at every boot (create it first)\"\n");
        s.append("    args=\"$args -fw_cfg $(quote \"name=opt/unikernel/files/$1,file=$(option \"$2\")\")\"\n");
        s.append("    words=\"$words unikernel.$1=").append(GUEST_FILES).append("$1\"\n");
        s.append("}\n");
        lockHolder(s);
        s.append("usage() {\n    cat <<'USAGE'\n");
        s.append(usage());
        s.append("USAGE\n}\n");
        s.append("for arg in \"$@\"; do\n");
        s.append("    case \"$arg\" in\n");
        s.append("    --help|-h) usage; exit 0 ;;\n");
        for (int i = 0; i < disks.size(); i++) {
            s.append("    --").append(disks.get(i)).append("=*) disk").append(i).append("=${arg#*=} ;;\n");
        }
        for (String secret : secrets) {
            s.append("    --").append(secret).append("-file=*)\n");
            s.append("        file=${arg#*=}\n");
            s.append("        [ -r \"$file\" ] || fail \"--").append(secret).append("-file: cannot read $file\"\n");
            s.append("        args=\"$args -fw_cfg $(quote \"name=opt/unikernel/").append(secret)
                    .append(",file=$(option \"$file\")\")\" ;;\n");
            s.append("    --").append(secret).append("|--").append(secret).append("=*) fail \"").append(secret)
                    .append(" is secret: give --").append(secret)
                    .append("-file=PATH (qemu passes the file by fw_cfg, never on a command line)\" ;;\n");
        }
        for (KeyLine key : keys) {
            if (key.bool()) {
                s.append("    --").append(key.name()).append(") words=\"$words unikernel.").append(key.name()).append("\" ;;\n");
            }
            s.append("    --").append(key.name()).append("=*) ").append(key.path() ? "hostfile " : "word ")
                    .append(key.name()).append(" \"${arg#*=}\" ;;\n");
        }
        if (canCreateDisks()) {
            s.append("    --create-size=*) createsize=${arg#*=} ;;\n");
        }
        s.append("    --memory=*) memory=${arg#*=} ;;\n");
        s.append("    --cpus=*) cpus=${arg#*=} ;;\n");
        // The memory report (VmBoot) plus the JVM's native memory tracking, which it reads over the attach socket.
        s.append("    --debug-memory) words=\"$words unikernel.debug JAVA_TOOL_OPTIONS=\\\"")
                .append(DEBUG_MEMORY_JAVA_OPTIONS).append("\\\"\" ;;\n");
        s.append("    --forward=*)\n");
        s.append("        ports=${arg#*=}\n");
        s.append("        case \"$ports\" in [0-9]*:[0-9]*) ;; *) fail \"--forward=HOSTPORT:GUESTPORT, not $ports\" ;; esac\n");
        s.append("        case \"$ports\" in *[!0-9:]*|*:*:*) fail \"--forward=HOSTPORT:GUESTPORT, not $ports\" ;; esac\n");
        if (network) {
            s.append("        forwards=\"$forwards,hostfwd=tcp:127.0.0.1:${ports%%:*}-:${ports#*:}\" ;;\n");
        } else {
            s.append("        fail \"").append(name).append(" has no network: --forward needs one\" ;;\n");
        }
        s.append("    *) fail \"unknown argument $arg (run-qemu --help lists the keys)\" ;;\n");
        s.append("    esac\n");
        s.append("done\n");
        String[] letters = {"a", "b", "c", "d", "e", "f", "g", "h"};
        s.append("letter=0\n");
        s.append("for i in");
        for (int i = 0; i < disks.size(); i++) {
            s.append(' ').append(i);
        }
        s.append("; do\n");
        s.append("    eval \"image=\\$disk$i\"\n");
        s.append("    [ -n \"$image\" ] || continue\n");
        if (canCreateDisks()) {
            // Only an image this start creates is formatted: an existing one that reads as zeros may be a
            // volume whose header was lost (the guest's virtio provider formats only with format-blank).
            s.append("    if [ ! -e \"$image\" ] && [ -n \"$createsize\" ]; then\n");
            s.append("        (umask 077 && truncate -s \"$createsize\" \"$image\") 2>/dev/null"
                    + " || fail \"cannot create disk image $image of $createsize (--create-size=SIZE: a size as truncate takes it, e.g. 128M)\"\n");
            s.append("        echo \"run-qemu: created $image ($createsize); it is formatted at this boot\" >&2\n");
            s.append("        created=1\n");
            s.append("    fi\n");
        }
        s.append("    [ -f \"$image\" ] || [ -b \"$image\" ] || fail \"disk image $image does not exist"
                + (canCreateDisks() ? " (give --create-size=SIZE to create it)" : "") + "\"\n");
        s.append("    inuse \"$image\"\n");
        s.append("    case $i in\n");
        for (int i = 0; i < disks.size(); i++) {
            s.append("    ").append(i).append(") id=").append(disks.get(i)).append(" ;;\n");
        }
        s.append("    esac\n");
        s.append("    node=$(echo ").append(String.join(" ", List.of(letters))).append(" | cut -d' ' -f$((letter + 1)))\n");
        s.append("    letter=$((letter + 1))\n");
        s.append("    args=\"$args -drive $(quote \"file=$(option \"$image\"),format=raw,if=none,id=$id,cache=writeback\")\"\n");
        s.append("    args=\"$args -device virtio-blk-pci,drive=$id,serial=$id\"\n");
        s.append("    words=\"$words unikernel.$id=/dev/vd$node\"\n");
        s.append("done\n");
        if (canCreateDisks()) {
            s.append("[ -z \"$created\" ] || words=\"$words unikernel.").append(FORMAT_BLANK).append("\"\n");
        }
        if (network) {
            s.append("args=\"$args -netdev user,id=net0$forwards -device virtio-net-pci,netdev=net0\"\n");
        }
        // Checked after the arguments, so that --help and argument errors need no qemu.
        s.append("if ! command -v \"$qemu\" >/dev/null 2>&1; then\n");
        s.append("    echo \"run-qemu: $qemu not found: install it (Debian and Ubuntu: apt-get install qemu-system-x86;"
                + " Fedora: dnf install qemu-system-x86), or set QEMU to its path\" >&2\n");
        s.append("    exit 127\n");
        s.append("fi\n");
        s.append("accel='-accel tcg'\n");
        s.append("case \"${UNIKERNEL_ACCEL:-auto}\" in\n");
        s.append("auto)\n");
        s.append("    # /dev/kvm can exist where KVM cannot run guests (nested, PVM): also ask the CPU for vmx or svm.\n");
        s.append("    if [ -r /dev/kvm ] && [ -w /dev/kvm ] && grep -qsw -e vmx -e svm /proc/cpuinfo; then\n");
        s.append("        accel='-enable-kvm -cpu host'\n");
        s.append("    else\n");
        s.append("        echo \"run-qemu: KVM is not usable here (no read-write /dev/kvm, or a CPU without vmx or svm):"
                + " emulating with TCG, so booting takes tens of seconds (UNIKERNEL_ACCEL=tcg says so quietly)\" >&2\n");
        s.append("    fi ;;\n");
        s.append("kvm) accel='-enable-kvm -cpu host' ;;\n");
        s.append("tcg) ;;\n");
        s.append("*) fail \"UNIKERNEL_ACCEL must be kvm or tcg, not $UNIKERNEL_ACCEL\" ;;\n");
        s.append("esac\n");
        s.append("run=$(mktemp -d)\n");
        s.append("trap 'rm -rf \"$run\"' EXIT\n");
        s.append("mkfifo \"$run/monitor.in\" \"$run/monitor.out\" \"$run/progress.in\" \"$run/progress.out\"\n");
        s.append("eval \"set -- $args\"\n");
        s.append("# Held open while qemu runs, so the progress reader neither waits for qemu to open the pipe nor\n");
        s.append("# misses its last lines: closed at the end, the reader reads to the end and stops.\n");
        s.append("exec 3<>\"$run/progress.out\"\n");
        s.append("# The second serial port (ttyS1) receives the application's exit code, the third (ttyS2) the boot's\n");
        s.append("# progress; the monitor pipe takes system_powerdown. setsid: a terminal's Ctrl-C reaches this\n");
        s.append("# script, which asks the guest to stop.\n");
        s.append("echo \"run-qemu: booting ").append(name).append(" ($memory RAM, $cpus CPU, $(case $accel in *kvm*) echo KVM ;; *) echo TCG ;; esac)); its console follows\" >&2\n");
        s.append("setsid \"$qemu\" $accel -machine pc -m \"$memory\" -smp \"$cpus\" -nodefaults -no-user-config -display none \\\n");
        s.append("    -no-reboot -serial stdio -serial \"file:$run/exit\" -serial \"pipe:$run/progress\" \\\n");
        s.append("    -chardev \"pipe,id=monitor,path=$run/monitor\" -mon chardev=monitor,mode=readline \\\n");
        s.append("    -kernel \"$here/").append(kernel).append("\" -initrd \"$here/").append(initrd).append("\" \\\n");
        s.append("    -append \"").append(doubleQuoted(commandLine)).append("$words -- ")
                .append(doubleQuoted(initArguments)).append("\" \\\n");
        s.append("    \"$@\" <&0 3>&- &\n");
        s.append("vm=$!\n");
        progress(s);
        s.append("stopping=''\n");
        s.append("watchdog=''\n");
        s.append("stop() {\n");
        s.append("    if [ -n \"$stopping\" ]; then kill -TERM \"$vm\" 2>/dev/null || true; return; fi\n");
        s.append("    stopping=1\n");
        s.append("    untick\n");
        s.append("    echo \"run-qemu: stopping the VM (again to kill it)\" >&2\n");
        s.append("    echo system_powerdown > \"$run/monitor.in\" || kill -TERM \"$vm\" 2>/dev/null || true\n");
        s.append("    ( sleep ").append(STOP_SECONDS).append("; kill -TERM \"$vm\" 2>/dev/null ) 3>&- &\n");
        s.append("    watchdog=$!\n");
        s.append("}\n");
        s.append("trap stop INT TERM HUP\n");
        s.append("status=0\n");
        s.append("while :; do\n");
        s.append("    if wait \"$vm\"; then status=0; else status=$?; fi\n");
        s.append("    kill -0 \"$vm\" 2>/dev/null || break\n");
        s.append("done\n");
        s.append("[ -z \"$watchdog\" ] || kill \"$watchdog\" 2>/dev/null || true\n");
        s.append("exec 3>&-\n");
        s.append("wait \"$reader\" 2>/dev/null || true\n");
        s.append("untick\n");
        s.append("code=$(tr -dc 0-9 < \"$run/exit\" 2>/dev/null || true)\n");
        s.append("if [ -n \"$code\" ]; then exit \"$code\"; fi\n");
        s.append("if [ \"$status\" -ne 0 ]; then exit \"$status\"; fi\n");
        s.append("echo \"run-qemu: the VM stopped without reporting an exit code\" >&2\n");
        s.append("exit 1\n");
        return s.toString();
    }

    /**
     * Shows the boot's progress on stderr, never on stdout (the console): a line for each phase the
     * guest reports on the third serial port (runtime-vm's BootProgress: "java", then "application",
     * each with the guest's uptime), and on a terminal a line counting the seconds until the
     * application starts, rewritten in place and erased before anything else is said.
     */
    private void progress(StringBuilder s) {
        s.append("ticker=''\n");
        s.append("untick() { if [ -n \"$ticker\" ] && kill \"$ticker\" 2>/dev/null; then printf '\\r\\033[K' >&2; fi; ticker=''; }\n");
        s.append("if [ -t 2 ]; then\n");
        s.append("    started=$(date +%s)\n");
        s.append("    while :; do\n");
        s.append("        printf '\\r\\033[Krun-qemu: booting for %s s' \"$(( $(date +%s) - started ))\" >&2\n");
        s.append("        sleep 1\n");
        s.append("    done 3>&- &\n");
        s.append("    ticker=$!\n");
        s.append("fi\n");
        s.append("while IFS=' ' read -r phase uptime; do\n");
        s.append("    uptime=$(printf '%s' \"$uptime\" | tr -dc 0-9.)\n");
        s.append("    case $phase in\n");
        s.append("    java) line=\"kernel up, Java running as PID 1 ($uptime s)\" ;;\n");
        s.append("    application*) line=\"kernel modules loaded, starting ").append(name).append(" ($uptime s)\" ;;\n");
        s.append("    *) continue ;;\n");
        s.append("    esac\n");
        s.append("    [ -z \"$ticker\" ] || printf '\\r\\033[K' >&2\n");
        s.append("    case $phase in application*) untick ;; esac\n");
        s.append("    echo \"run-qemu: $line\" >&2\n");
        s.append("done < \"$run/progress.out\" 3>&- &\n");
        s.append("reader=$!\n");
    }

    /**
     * One writer per image: qemu takes OFD locks on its drives, which conflict with the POSIX locks
     * a server or the disk tool holds (runtime-unix's ImageLock), so qemu alone keeps a second writer
     * out. Before booting, the script reads the holder from /proc/locks to fail at once with one line
     * naming it (qemu's own refusal says neither who nor which program).
     */
    private static void lockHolder(StringBuilder s) {
        s.append("inuse() {\n");
        s.append("    [ -r /proc/locks ] || return 0\n");
        s.append("    fileid=$(stat -L -c '%d %i' \"$1\" 2>/dev/null) || return 0\n");
        s.append("    dev=${fileid% *}\n");
        s.append("    key=$(printf '%02x:%02x:%s' $(( (dev >> 8) & 4095 )) $(( dev & 255 )) \"${fileid#* }\")\n");
        s.append("    pid=$(awk -v key=\"$key\" '$2 != \"->\" && $6 == key { print $5; exit }' /proc/locks)\n");
        s.append("    case \"$pid\" in\n");
        s.append("    '') ;;\n");
        s.append("    -1|0) fail \"disk image $1 is in use by a program holding an OFD lock (qemu takes those):"
                + " stop it first (two programs writing one image corrupt it)\" ;;\n");
        s.append("    *) fail \"disk image $1 is in use by PID $pid ($(cat \"/proc/$pid/comm\" 2>/dev/null || echo unknown)):"
                + " stop it first (two programs writing one image corrupt it)\" ;;\n");
        s.append("    esac\n");
        s.append("}\n");
    }

    private String usage() {
        StringBuilder u = new StringBuilder();
        u.append("usage: run-qemu [--KEY=VALUE]... [--forward=HOSTPORT:GUESTPORT]... [--memory=SIZE] [--cpus=N] [--debug-memory]\n");
        u.append("Boots ").append(name).append(" under qemu; keys go on the kernel command line as unikernel.KEY=VALUE.\n");
        u.append("keys:\n");
        int width = 24;
        for (String disk : disks) {
            u.append(pad("  --" + disk + "=IMAGE", width)).append(" disk image attached as a virtio disk\n");
        }
        for (String secret : secrets) {
            u.append(pad("  --" + secret + "-file=PATH", width)).append(" secret, passed by qemu fw_cfg\n");
        }
        for (KeyLine key : keys) {
            u.append(pad("  " + key.spelling(), width)).append(' ').append(key.doc()).append('\n');
        }
        u.append("A path key names a host file, which is handed to the VM (read-only, by fw_cfg).\n");
        u.append("vm:\n");
        if (network) {
            u.append(pad("  --forward=H:G", width)).append(" forward 127.0.0.1:H on the host to port G of the VM\n");
        }
        if (canCreateDisks()) {
            u.append(pad("  --create-size=SIZE", width))
                    .append(" create a missing disk image of SIZE (0600), formatted at that boot only\n");
        }
        u.append(pad("  --memory=SIZE", width)).append(" RAM (default ").append(memory).append(")\n");
        u.append(pad("  --cpus=N", width)).append(" virtual CPUs (default ").append(cpus).append(")\n");
        u.append(pad("  --debug-memory", width)).append(" print the guest's and the JVM's memory use every few seconds\n");
        return u.toString();
    }

    /**
     * True when run-qemu can make a missing image: the program has disks and the guest's virtio
     * provider's {@value #FORMAT_BLANK} key, which the script gives for the boot that created one.
     */
    private boolean canCreateDisks() {
        return !disks.isEmpty() && keys.stream().anyMatch(key -> key.bool() && key.name().equals(FORMAT_BLANK));
    }

    /** Escapes text for the inside of a sh double-quoted string. */
    static String doubleQuoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}

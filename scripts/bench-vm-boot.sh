#!/usr/bin/env bash
# Boot time of the vm target under qemu TCG (no KVM), side by side in one run on this machine:
#   sftp   examples/sftp's VM, from qemu's start until the forwarded port answers with an SSH banner
#          (Java as PID 1: modules, network, fw_cfg files, LUKS2 unlock with argon2id, MINA SSHD)
#   plain  the same kernel with an initramfs whose /init only powers the VM off (a 150-byte static
#          ELF written below), from qemu's start until qemu exits: the kernel's share of the boot
# Prints the median of RUNS boots of each (default 3), their ratio and the two initrd sizes.
# The sftp disk is formatted by one untimed boot first, so the timed boots unlock an existing volume.
# Everything listens on 127.0.0.1 only; every VM started is stopped, each boot is bounded by a
# timeout. Needs: a built examples/sftp for the vm target
# (cd examples/sftp && mvn unikernel:build -Dtarget=vm), qemu-system-x86, cpio, openssh-client, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-3}
MEMORY=${MEMORY:-256M}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-300}
VM=$ROOT/examples/sftp/target/unikernel/vm
QEMU=${QEMU:-qemu-system-x86_64}
for need in "$VM/run-qemu" "$VM/sftp.kernel" "$VM/sftp.initrd"; do
    [[ -e $need ]] || { echo "bench-vm-boot: missing $need (see the header of this script)" >&2; exit 1; }
done
for tool in "$QEMU" cpio ssh-keygen python3; do
    command -v "$tool" >/dev/null || { echo "bench-vm-boot: $tool is not installed" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/bench-vm-boot.XXXXXX)
VM_PID=''
stop_vm() {
    [[ -n $VM_PID ]] || return 0
    # run-qemu turns TERM into an ACPI power-down (a clean stop of the server); kill it if that hangs.
    kill -TERM "$VM_PID" 2>/dev/null || true
    for _ in $(seq 1 600); do kill -0 "$VM_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$VM_PID" 2>/dev/null; then
        kill -TERM "$VM_PID" 2>/dev/null || true # the second TERM makes run-qemu kill qemu
        sleep 2
        kill -KILL "$VM_PID" 2>/dev/null || true
    fi
    wait "$VM_PID" 2>/dev/null || true
    VM_PID=''
}
cleanup() {
    stop_vm
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.2f", end - start }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# qemu's user network accepts on the host port before the guest listens, then hangs up: only a
# banner says the server is there.
banner() { timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && head -c 4 <&3' _ "$1" 2>/dev/null || true; }

# A static x86-64 ELF: reboot(LINUX_REBOOT_MAGIC1, MAGIC2, LINUX_REBOOT_CMD_POWER_OFF), then spin.
python3 - "$WORK/init" <<'PYTHON'
import struct, sys
code = bytes.fromhex(
    "b8a9000000"    # mov eax, 169 (reboot)
    "bfaddee1fe"    # mov edi, 0xfee1dead
    "be69191228"    # mov esi, 0x28121969
    "badcfe2143"    # mov edx, 0x4321fedc (power off)
    "0f05"          # syscall
    "ebfe")         # jmp . (only if the call failed; the timeout ends the boot)
base, start = 0x400000, 64 + 56
size = start + len(code)
header = struct.pack("<4sBBBBB7xHHIQQQIHHHHHH", b"\x7fELF", 2, 1, 1, 0, 0, 2, 0x3E, 1,
                     base + start, 64, 0, 0, 64, 56, 1, 0, 0, 0)
program = struct.pack("<IIQQQQQQ", 1, 5, 0, base, base, size, size, 0x1000)
with open(sys.argv[1], "wb") as out:
    out.write(header + program + code)
PYTHON
chmod 755 "$WORK/init"
(cd "$WORK" && echo init | cpio --quiet -o -H newc -R 0:0 | gzip -9 > plain.initrd)

# Each boot sets TAKEN (seconds); no subshell, so VM_PID stays known to the cleanup.
plain_boot() {
    local start
    start=$(now)
    if ! timeout 60 "$QEMU" -accel tcg -machine pc -m "$MEMORY" -nodefaults -no-user-config -display none \
        -no-reboot -serial "file:$WORK/plain.console" -kernel "$VM/sftp.kernel" -initrd "$WORK/plain.initrd" \
        -append "console=ttyS0 quiet panic=-1 rdinit=/init"; then
        echo "bench-vm-boot: the plain initramfs did not power off within 60 s:" >&2
        tail -5 "$WORK/plain.console" >&2
        exit 1
    fi
    TAKEN=$(elapsed "$start")
}

ssh-keygen -q -t ed25519 -N '' -f "$WORK/host"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/client"
cp "$WORK/client.pub" "$WORK/authorized_keys"
(umask 077 && head -c 32 /dev/urandom | base64 > "$WORK/passphrase")
truncate -s 64M "$WORK/disk.img"

# Boots the sftp VM in the background; returns when it answers with a banner.
sftp_boot() { # $1: extra run-qemu words (--format-blank for the first boot)
    local port start
    port=$(free_port)
    start=$(now)
    UNIKERNEL_ACCEL=tcg "$VM/run-qemu" --memory="$MEMORY" --disk="$WORK/disk.img" \
        --passphrase-file="$WORK/passphrase" --authorized-keys="$WORK/authorized_keys" --host-key="$WORK/host" \
        --forward="$port:22" ${1:-} > "$WORK/sftp.console" 2>&1 &
    VM_PID=$!
    while [[ $(banner "$port") != SSH- ]]; do
        if ! kill -0 "$VM_PID" 2>/dev/null; then
            echo "bench-vm-boot: the sftp VM stopped before it was ready:" >&2
            tail -20 "$WORK/sftp.console" >&2
            exit 1
        fi
        if awk -v t="$(elapsed "$start")" -v limit="$BOOT_TIMEOUT" 'BEGIN { exit !(t > limit) }'; then
            echo "bench-vm-boot: the sftp VM was not ready within $BOOT_TIMEOUT s:" >&2
            tail -20 "$WORK/sftp.console" >&2
            exit 1
        fi
        sleep 0.2
    done
    TAKEN=$(elapsed "$start")
}

echo "bench-vm-boot: formatting the disk (one untimed boot) ..." >&2
sftp_boot --format-blank
stop_vm
grep -q 'unikernel exit 0' "$WORK/sftp.console" || { echo "bench-vm-boot: the formatting boot did not stop cleanly:" >&2; tail -20 "$WORK/sftp.console" >&2; exit 1; }

plain=()
sftp=()
for run in $(seq 1 "$RUNS"); do
    plain_boot
    plain+=("$TAKEN")
    sftp_boot
    sftp+=("$TAKEN")
    stop_vm
    echo "bench-vm-boot: run $run: plain ${plain[-1]} s, sftp ${sftp[-1]} s" >&2
done

plain_median=$(median "${plain[@]}")
sftp_median=$(median "${sftp[@]}")
printf 'vm boot under TCG, %s RAM, median of %d (host load average %s: TCG times grow with it)\n' "$MEMORY" "$RUNS" "$(cut -d' ' -f1 /proc/loadavg)"
printf '  %-6s %8.1f s  initrd %10s bytes  (until qemu exits)\n' plain "$plain_median" "$(stat -c %s "$WORK/plain.initrd")"
printf '  %-6s %8.1f s  initrd %10s bytes  (until the SSH banner)\n' sftp "$sftp_median" "$(stat -c %s "$VM/sftp.initrd")"
awk -v a="$sftp_median" -v b="$plain_median" 'BEGIN { printf "  ratio  %8.1f x\n", a / b }'
# For scripts/bench.sh: RESULT name ours unit peer peer-value ours/peer
awk -v a="$sftp_median" -v b="$plain_median" 'BEGIN { printf "RESULT vm-boot-to-sftp-ready %.1f s plain-initramfs %.1f %.2f\n", a, b, a / b }'

#!/usr/bin/env bash
# The first transfer after a fresh start of the sftp example on unix: what an AOT cache trained on
# real transfers (<aotTraining><workload>) is for. For each launcher given (e.g. two builds of
# examples/sftp/target/unikernel/unix copied aside), alternating them round by round, it starts the
# server on an unlocked disk, waits until it reports ready, and times one put or one get of SIZE_MIB
# with the real OpenSSH sftp client (-c CIPHER), then a second one in the same server run. The time
# counted is from the sftp subsystem's start (after key exchange and login) to sftp's exit; the login
# is reported apart. Medians of RUNS rounds; the ratios are against the first launcher.
# Usage: bash scripts/bench-first-transfer.sh LAUNCHER... (default: examples/sftp's)
# Environment: SIZE_MIB (512), RUNS (5), CIPHERS (aes128-gcm@openssh.com,chacha20-poly1305@openssh.com).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -eq 0 ]]; then set -- "$(pwd)/examples/sftp/target/unikernel/unix/bin/sftp"; fi
for need in "$@" /usr/bin/sftp /usr/bin/ssh-keygen; do
    [[ -x $need ]] || { echo "bench-first-transfer: missing $need" >&2; exit 1; }
done
WORK=$(mktemp -d /tmp/bench-first-transfer.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ssh-keygen -q -t ed25519 -N '' -f "$WORK/client"
cp "$WORK/client.pub" "$WORK/authorized_keys"
(umask 077 && printf 'bench passphrase' > "$WORK/passphrase")

WORK=$WORK SIZE_MIB=${SIZE_MIB:-512} RUNS=${RUNS:-5} \
CIPHERS=${CIPHERS:-aes128-gcm@openssh.com,chacha20-poly1305@openssh.com} python3 - "$@" <<'PYTHON'
import os, signal, socket, statistics, subprocess, sys, time

work, size, runs = os.environ["WORK"], int(os.environ["SIZE_MIB"]), int(os.environ["RUNS"])
ciphers = os.environ["CIPHERS"].split(",")
launchers = sys.argv[1:]
disk, payload = f"{work}/disk.img", f"{work}/payload"

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def start(launcher, create=False):
    port = free_port()
    log = f"{work}/server.log"
    open(log, "w").close()
    command = [launcher, f"--port={port}", f"--disk={disk}", f"--passphrase-file={work}/passphrase",
               f"--authorized-keys={work}/authorized_keys", f"--host-key={work}/host_key"]
    if create:
        command.append(f"--create-size={2 * size + 256}M")
    process = subprocess.Popen(command, stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while "SFTP server ready" not in open(log).read():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"bench-first-transfer: {launcher} did not start; see {log}")
        time.sleep(0.02)
    return process, port

def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

def sftp(port, cipher, batch, verbose=False):
    """Runs a batch; returns (login seconds, seconds from the subsystem's start to the end)."""
    command = ["sftp", "-b", "-", "-P", str(port), "-c", cipher, "-i", f"{work}/client", "-o", "IdentitiesOnly=yes",
               "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
               "sftp@127.0.0.1"]
    if verbose:
        command.insert(1, "-v")
    t0 = time.monotonic()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    process.stdin.write(batch.encode())
    process.stdin.close()
    subsystem = None
    for line in process.stderr:
        if subsystem is None and b"Sending subsystem: sftp" in line:
            subsystem = time.monotonic()
    if process.wait() != 0 or (verbose and subsystem is None):
        raise SystemExit(f"bench-first-transfer: sftp {batch!r} on port {port} failed")
    end = time.monotonic()
    return (subsystem - t0, end - subsystem) if verbose else (0, end - t0)

subprocess.run(["head", "-c", str(size << 20), "/dev/urandom"], stdout=open(payload, "wb"), check=True)
# One disk for all: it keeps the file that gets read; puts write another and remove it afterwards.
process, port = start(launchers[0], create=True)
sftp(port, ciphers[0], f"put {payload} kept\n")
stop(process)

results = {}
for run in range(runs):
    order = launchers if run % 2 == 0 else launchers[::-1]
    for launcher in order:
        for cipher in ciphers:
            for direction in ("put", "get"):
                batch = f"put {payload} new\n" if direction == "put" else f"get kept {work}/fetched\n"
                subprocess.run(["sync"])
                process, port = start(launcher)
                try:
                    login, first = sftp(port, cipher, batch, verbose=True)
                    if direction == "put":
                        sftp(port, cipher, "rm new\n")
                    _, second = sftp(port, cipher, batch, verbose=True)
                    if direction == "put":
                        sftp(port, cipher, "rm new\n")
                finally:
                    stop(process)
                if direction == "get":
                    if subprocess.run(["cmp", "-s", payload, f"{work}/fetched"]).returncode != 0:
                        raise SystemExit("bench-first-transfer: the file read back differs")
                    os.remove(f"{work}/fetched")
                key = (cipher, direction, launcher)
                results.setdefault(key, []).append((login, size / first, size / second))
                print(f"run {run + 1} {launcher} {cipher} {direction}: login {login * 1000:.0f} ms,"
                      f" first {size / first:.0f} MiB/s, second {size / second:.0f} MiB/s", flush=True)

print(f"\nbench-first-transfer: {size} MiB, median of {runs} fresh starts each, {os.cpu_count()} cores,"
      f" load {os.getloadavg()[0]:.1f}")
print(f"{'cipher':<31} {'dir':<4} {'launcher':<8} {'login ms':>9} {'1st MiB/s':>10} {'2nd MiB/s':>10} {'1st ratio':>10}")
for cipher in ciphers:
    for direction in ("put", "get"):
        base = statistics.median(r[1] for r in results[(cipher, direction, launchers[0])])
        for index, launcher in enumerate(launchers):
            rows = results[(cipher, direction, launcher)]
            first = statistics.median(r[1] for r in rows)
            print(f"{cipher:<31} {direction:<4} {'#' + str(index + 1):<8}"
                  f" {statistics.median(r[0] for r in rows) * 1000:>9.0f} {first:>10.0f}"
                  f" {statistics.median(r[2] for r in rows):>10.0f} {first / base:>10.2f}")
for index, launcher in enumerate(launchers):
    print(f"#{index + 1}: {launcher}")
PYTHON

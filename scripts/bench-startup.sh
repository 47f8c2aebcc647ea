#!/usr/bin/env bash
# Start-up of examples/sftp on the unix target, with and without its AOT cache, on an existing disk:
#   banner  process start -> the first SSH banner line read from the port
#   ready   process start -> the first successful `sftp -b` ls (the volume is unlocked and mounted)
# Runs alternate between the two modes (UNIKERNEL_AOT=off makes the launcher skip the cache) so that
# both see the same machine load; the table gives medians of RUNS runs (default 5) and ratios.
# Listens on 127.0.0.1 only; every server it starts is stopped (SIGTERM, then SIGKILL) at the end.
# Needs: a built examples/sftp (cd examples/sftp && ../../mvnw unikernel:build -Dtarget=unix),
# OpenSSH's sftp and ssh-keygen, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-5}
TARGET_MS=${TARGET_MS:-300}
LAUNCHER=$ROOT/examples/sftp/target/unikernel/unix/bin/sftp
CACHE=$ROOT/examples/sftp/target/unikernel/unix/aot/sftp.aot
for need in "$LAUNCHER" /usr/bin/sftp /usr/bin/ssh-keygen; do
    [[ -e $need ]] || { echo "bench-startup: missing $need (see the header of this script)" >&2; exit 1; }
done
[[ -f $CACHE ]] || { echo "bench-startup: no AOT cache at $CACHE: build with <aotTraining> (examples/sftp/pom.xml)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/bench-startup.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ssh-keygen -q -t ed25519 -N '' -f "$WORK/client"
cp "$WORK/client.pub" "$WORK/authorized_keys"
(umask 077 && printf 'bench passphrase' > "$WORK/passphrase")

LAUNCHER=$LAUNCHER WORK=$WORK RUNS=$RUNS TARGET_MS=$TARGET_MS python3 - <<'PYTHON'
import os, signal, socket, statistics, subprocess, time

launcher, work = os.environ["LAUNCHER"], os.environ["WORK"]
runs, target = int(os.environ["RUNS"]), float(os.environ["TARGET_MS"])

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def start(port, aot, extra=()):
    env = dict(os.environ, UNIKERNEL_AOT="on" if aot else "off")
    command = [launcher, f"--port={port}", f"--disk={work}/disk.img", f"--passphrase-file={work}/passphrase",
               f"--authorized-keys={work}/authorized_keys", f"--host-key={work}/host_key", *extra]
    log = open(f"{work}/server.log", "ab")
    return subprocess.Popen(command, env=env, stdout=log, stderr=log, start_new_session=True)

def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

def sftp_ls(port):
    return subprocess.run(["sftp", "-b", "-", "-P", str(port), "-i", f"{work}/client", "-o", "BatchMode=yes",
                           "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                           "-o", "LogLevel=ERROR", "sftp@127.0.0.1"],
                          input=b"ls\n", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120).returncode

def one_run(aot):
    port = free_port()
    t0 = time.monotonic()
    process = start(port, aot)
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"bench-startup: the server exited with {process.returncode}; see {work}/server.log")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                    line = s.makefile("rb").readline()
                banner = (time.monotonic() - t0) * 1000
                if not line.startswith(b"SSH-2.0-"):
                    raise SystemExit(f"bench-startup: not an SSH banner: {line!r}")
                break
            except (ConnectionRefusedError, ConnectionResetError):
                time.sleep(0.002)
        while sftp_ls(port) != 0:
            if process.poll() is not None or time.monotonic() - t0 > 120:
                raise SystemExit(f"bench-startup: sftp never succeeded; see {work}/server.log")
            time.sleep(0.02)
        ready = (time.monotonic() - t0) * 1000
        return banner, ready
    finally:
        stop(process)

# The disk exists before the measured runs: one untimed run creates and formats it.
process = start(free_port(), True, ["--create-size=64M"])
try:
    deadline = time.monotonic() + 120
    while b"SFTP server ready" not in open(f"{work}/server.log", "rb").read():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"bench-startup: could not create the disk; see {work}/server.log")
        time.sleep(0.1)
finally:
    stop(process)

results = {True: [], False: []}
for i in range(runs):
    for aot in ((True, False) if i % 2 == 0 else (False, True)):
        results[aot].append(one_run(aot))
        print(f"run {i + 1}/{runs} {'with' if aot else 'without'} AOT cache: banner {results[aot][-1][0]:.0f} ms,"
              f" sftp ready {results[aot][-1][1]:.0f} ms", flush=True)

median = {aot: (statistics.median(r[0] for r in results[aot]), statistics.median(r[1] for r in results[aot]))
          for aot in results}
print()
print(f"| start-up, median of {runs} | with AOT cache | without | with/without |")
print("|---|---:|---:|---:|")
print(f"| first SSH banner | {median[True][0]:.0f} ms | {median[False][0]:.0f} ms | {median[True][0] / median[False][0]:.2f} |")
print(f"| first sftp ls | {median[True][1]:.0f} ms | {median[False][1]:.0f} ms | {median[True][1] / median[False][1]:.2f} |")
print()
reached = median[True][0] <= target
print(f"banner with the AOT cache within {target:.0f} ms: {'yes' if reached else 'no'} ({median[True][0]:.0f} ms)")
# For scripts/bench.sh: RESULT name ours unit peer peer-value ours/peer
print(f"RESULT startup-banner-aot {median[True][0]:.0f} ms no-aot {median[False][0]:.0f} {median[True][0] / median[False][0]:.2f}")
print(f"RESULT startup-sftp-ready-aot {median[True][1]:.0f} ms no-aot {median[False][1]:.0f} {median[True][1] / median[False][1]:.2f}")
PYTHON

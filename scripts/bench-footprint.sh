#!/usr/bin/env bash
# Memory of the SFTP servers under load, side by side in one run:
#   unikernel  examples/sftp on the unix target (one JVM)
#   mina       plain Apache MINA SSHD SFTP (one JVM, default heap settings, like the unikernel's)
#   openssh    sshd + its per-connection sshd and sftp-server processes (summed)
# Each server gets 8 concurrent OpenSSH sftp sessions that put and get a SIZE_MIB file (N bytes in
# all), then the same with 4 x SIZE_MIB (4N) in the same process. Resident memory (VmRSS of the server's
# process tree) is sampled every 0.2 s; the peak after 4N over the peak after N shows whether memory
# grows with the bytes moved (about 1 if it does not). Also prints the compressed OCI image and initrd
# sizes of examples/sftp if those targets are built. Listens on 127.0.0.1 only; stops what it starts.
set -euo pipefail
SIZE_MIB=${SIZE_MIB:-32}
SESSIONS=${SESSIONS:-8}
CIPHER=${CIPHER:-aes128-gcm@openssh.com}
source "$(dirname "$0")/bench-servers.sh"
bench_servers_init bench-footprint

head -c "$((SIZE_MIB << 20))" /dev/urandom > "$WORK/payload-1x"
head -c "$((4 * SIZE_MIB << 20))" /dev/urandom > "$WORK/payload-4x"
start_unikernel "$((SESSIONS * 4 * SIZE_MIB * 3 / 2 + 256))M"
start_mina
start_openssh
wait_for_servers

# tree_rss_kib PID: VmRSS summed over PID and all its descendants, in KiB.
tree_rss_kib() {
    ps -e -o pid=,ppid=,rss= | awk -v root="$1" '
        { parent[$1] = $2; rss[$1] = $3 }
        END {
            for (p in parent) {
                for (q = p; q != "" && q != 0; q = parent[q]) {
                    if (q == root) { sum += rss[p]; break }
                    if (!(q in parent)) break
                }
            }
            print sum + 0
        }'
}

# load SERVER PID PAYLOAD: SESSIONS concurrent put+get of PAYLOAD; prints the peak sampled tree RSS in KiB.
load() {
    local server=$1 pid=$2 payload=$3 i flag=$WORK/sampling samples=$WORK/samples
    server_login "$server"
    : > "$samples"
    touch "$flag"
    (while [[ -e $flag ]]; do tree_rss_kib "$pid" >> "$samples"; sleep 0.2; done) &
    local sampler=$! clients=()
    for i in $(seq 1 "$SESSIONS"); do
        printf -- '-rm %s/f-%s\nput %s %s/f-%s\nget %s/f-%s %s/back-%s\n' "$REMOTE" "$i" "$payload" "$REMOTE" "$i" \
            "$REMOTE" "$i" "$WORK" "$i" > "$WORK/batch-$i"
        sftp -q -b "$WORK/batch-$i" -P "$PORT" -c "$CIPHER" "${SSH_CLIENT_OPTIONS[@]}" "$LOGIN" > /dev/null 2>"$WORK/sftp-$i.log" &
        clients+=($!)
    done
    local failed=0
    for i in "${!clients[@]}"; do wait "${clients[$i]}" || failed=1; done
    rm -f "$flag"
    wait "$sampler" || true
    if (( failed )); then
        echo "bench-footprint: a transfer to $server failed: $(grep -hv '^remote delete' "$WORK"/sftp-*.log | head -3)" >&2
        tail -5 "$WORK/$server.log" >&2 2>/dev/null || true
        return 1
    fi
    for i in $(seq 1 "$SESSIONS"); do
        cmp -s "$payload" "$WORK/back-$i" || { echo "bench-footprint: $server returned different bytes" >&2; return 1; }
        rm -f "$WORK/back-$i"
    done
    sort -n "$samples" | tail -1
}

hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
mib() { echo "scale=1; $1 / 1024" | bc; }

declare -A idle=() peak1=() peak4=() hwm=()
for server in unikernel mina openssh; do
    pidvar=PID_${server^^}
    pid=${!pidvar}
    idle[$server]=$(tree_rss_kib "$pid")
    peak1[$server]=$(load "$server" "$pid" "$WORK/payload-1x")
    peak4[$server]=$(load "$server" "$pid" "$WORK/payload-4x")
    hwm[$server]=$(hwm_kib "$pid")
done

moved1=$((SESSIONS * SIZE_MIB * 2))
printf '\n%-10s %10s %14s %14s %9s %12s\n' server "idle MiB" "peak MiB (N)" "peak MiB (4N)" "4N / N" "VmHWM MiB"
for server in unikernel mina openssh; do
    printf '%-10s %10s %14s %14s %9.2f %12s\n' "$server" "$(mib "${idle[$server]}")" "$(mib "${peak1[$server]}")" \
        "$(mib "${peak4[$server]}")" "$(echo "${peak4[$server]} / ${peak1[$server]}" | bc -l)" "$(mib "${hwm[$server]}")"
done
echo "(N = $moved1 MiB moved by $SESSIONS concurrent sftp sessions, put + get; 4N = $((4 * moved1)) MiB;" \
    "RSS of the server's process tree sampled every 0.2 s; VmHWM of the main process only, openssh's excludes its children)"

# Artifact sizes: compressed OCI image (all blobs of the OCI archive) and the vm's initrd.
sizes=()
oci=$BENCH_ROOT/examples/sftp/target/unikernel/oci/sftp.tar
if [[ -f $oci ]]; then
    blobs=$(tar -tvf "$oci" | awk '$6 ~ /^blobs\// {sum += $3} END {print sum + 0}')
    sizes+=("$(printf 'sftp OCI image, compressed blobs: %s MiB' "$(mib "$((blobs / 1024))")")")
else
    sizes+=("sftp OCI image: not built (cd examples/sftp && ../../mvnw -B unikernel:build -Dtarget=oci)")
fi
for example in hello sftp; do
    initrd=$BENCH_ROOT/examples/$example/target/unikernel/vm/$example.initrd
    if [[ -f $initrd ]]; then
        sizes+=("$(printf '%s initrd (gzip): %s MiB' "$example" "$(mib "$(($(stat -c %s "$initrd") / 1024))")")")
    else
        sizes+=("$example initrd: not built (cd examples/$example && ../../mvnw -B unikernel:build -Dtarget=vm)")
    fi
done
printf '%s\n' "${sizes[@]}"
echo "bench-footprint: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

for peer in openssh mina; do
    printf 'RESULT footprint.peak-rss.vs-%s %.1f MiB %s %.1f %.3f\n' "$peer" "$(mib "${peak4[unikernel]}")" "$peer" \
        "$(mib "${peak4[$peer]}")" "$(echo "${peak4[unikernel]} / ${peak4[$peer]}" | bc -l)"
done
printf 'RESULT footprint.rss-growth-4x-bytes %.3f x mina %.3f %.3f\n' \
    "$(echo "${peak4[unikernel]} / ${peak1[unikernel]}" | bc -l)" "$(echo "${peak4[mina]} / ${peak1[mina]}" | bc -l)" \
    "$(echo "(${peak4[unikernel]} / ${peak1[unikernel]}) / (${peak4[mina]} / ${peak1[mina]})" | bc -l)"

#!/usr/bin/env bash
# Memory of the SFTP servers under load, side by side in one run:
#   unikernel  examples/sftp on the unix target (one JVM)
#   mina       plain Apache MINA SSHD SFTP (one JVM, default heap settings, like the unikernel's)
#   openssh    sshd + its per-connection sshd and sftp-server processes (summed)
# Each server gets 8 concurrent OpenSSH sftp sessions that put and get a SIZE_MIB file (N bytes in
# all), then the same with 4 x SIZE_MIB (4N) twice, in the same process. Resident memory (VmRSS of the
# server's process tree) is sampled every 0.2 s from after one warm-up session. Peak after 4N over peak
# after N is about 1 if memory does not grow with the bytes moved; a JVM's heap may still grow on its
# way to a steady size, which the second 4N over the first shows, so the live heap after a full GC
# (jcmd) is printed too, after the loads and again after one more 4N: equal if nothing is kept per
# byte. SERVER_JAVA_OPTS (e.g. -Xmx256m) goes to both Java servers. Also prints the compressed OCI
# image and initrd sizes of examples/sftp if those targets are built. Listens on 127.0.0.1 only; stops what it starts.
set -euo pipefail
SIZE_MIB=${SIZE_MIB:-16}
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

# warm_up SERVER: one session first, so the 8 concurrent ones do not race a lazily made host key
# (MINA's SimpleGeneratorHostKeyProvider writes it on first use) and find the server started.
warm_up() {
    server_login "$1"
    echo pwd > "$WORK/batch-warm-up"
    sftp -q -b "$WORK/batch-warm-up" -P "$PORT" "${SSH_CLIENT_OPTIONS[@]}" "$LOGIN" > /dev/null
}

# live_heap_kib PID: the Java heap in use right after a full GC (jcmd), i.e. what the server retains.
live_heap_kib() {
    local jcmd=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jcmd
    "$jcmd" "$1" GC.run > /dev/null 2>&1 || { echo 0; return; }
    "$jcmd" "$1" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9
}

hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
mib() { echo "scale=1; $1 / 1024" | bc; }

declare -A idle=() peak1=() peak4=() again4=() peak=() hwm=() live_before=() live_after=() live_again=()
for server in unikernel mina openssh; do
    pidvar=PID_${server^^}
    pid=${!pidvar}
    warm_up "$server"
    [[ $server == openssh ]] || live_before[$server]=$(live_heap_kib "$pid")
    idle[$server]=$(tree_rss_kib "$pid")
    peak1[$server]=$(load "$server" "$pid" "$WORK/payload-1x")
    peak4[$server]=$(load "$server" "$pid" "$WORK/payload-4x")
    again4[$server]=$(load "$server" "$pid" "$WORK/payload-4x")
    hwm[$server]=$(hwm_kib "$pid")
    if [[ $server != openssh ]]; then
        live_after[$server]=$(live_heap_kib "$pid")
        # One more 4N: a heap that holds on to something per byte moved is larger again after it.
        load "$server" "$pid" "$WORK/payload-4x" > /dev/null
        live_again[$server]=$(live_heap_kib "$pid")
    fi
    peak[$server]=$(printf '%s\n' "${peak1[$server]}" "${peak4[$server]}" "${again4[$server]}" | sort -n | tail -1)
done

moved1=$((SESSIONS * SIZE_MIB * 2))
printf '\n%-10s %9s %9s %9s %9s %8s %10s %10s\n' server "idle MiB" "N MiB" "4N MiB" "4N' MiB" "4N / N" "4N' / 4N" "VmHWM MiB"
for server in unikernel mina openssh; do
    printf '%-10s %9s %9s %9s %9s %8.2f %10.2f %10s\n' "$server" "$(mib "${idle[$server]}")" "$(mib "${peak1[$server]}")" \
        "$(mib "${peak4[$server]}")" "$(mib "${again4[$server]}")" "$(echo "${peak4[$server]} / ${peak1[$server]}" | bc -l)" \
        "$(echo "${again4[$server]} / ${peak4[$server]}" | bc -l)" "$(mib "${hwm[$server]}")"
done
echo "(peak RSS of the server's process tree, sampled every 0.2 s, while $SESSIONS concurrent sftp sessions put and get" \
    "N = $moved1 MiB in all, then 4N = $((4 * moved1)) MiB twice (4N'); VmHWM: the main process only, so openssh's" \
    "leaves out its per-connection processes; openssh's sum counts pages its processes share once per process)"

for server in unikernel mina; do
    printf '%-10s Java heap in use after a full GC: %s MiB after the warm-up session, %s MiB after %s MiB, %s MiB after %s MiB\n' \
        "$server" "$(mib "${live_before[$server]}")" "$(mib "${live_after[$server]}")" "$((9 * moved1))" \
        "$(mib "${live_again[$server]}")" "$((13 * moved1))"
done
echo "(RSS above that is heap the JVM keeps committed: SERVER_JAVA_OPTS=-Xmx... bounds it for both JVMs)"

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
    printf 'RESULT footprint.peak-rss.vs-%s %.1f MiB %s %.1f %.3f\n' "$peer" "$(mib "${peak[unikernel]}")" "$peer" \
        "$(mib "${peak[$peer]}")" "$(echo "${peak[unikernel]} / ${peak[$peer]}" | bc -l)"
done
printf 'RESULT footprint.live-heap-growth-again-4x %.3f x mina %.3f %.3f\n' \
    "$(echo "${live_again[unikernel]} / ${live_after[unikernel]}" | bc -l)" "$(echo "${live_again[mina]} / ${live_after[mina]}" | bc -l)" \
    "$(echo "(${live_again[unikernel]} / ${live_after[unikernel]}) / (${live_again[mina]} / ${live_after[mina]})" | bc -l)"
for phase in "4x-bytes:peak4:peak1" "again-4x:again4:peak4"; do
    IFS=: read -r label after before <<< "$phase"
    declare -n later=$after earlier=$before
    printf 'RESULT footprint.rss-growth-%s %.3f x mina %.3f %.3f\n' "$label" \
        "$(echo "${later[unikernel]} / ${earlier[unikernel]}" | bc -l)" "$(echo "${later[mina]} / ${earlier[mina]}" | bc -l)" \
        "$(echo "(${later[unikernel]} / ${earlier[unikernel]}) / (${later[mina]} / ${earlier[mina]})" | bc -l)"
    unset -n later earlier
done

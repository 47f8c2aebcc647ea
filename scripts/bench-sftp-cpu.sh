#!/usr/bin/env bash
# Server CPU time per GiB moved over SFTP, the same three servers as bench-sftp.sh (unikernel, mina,
# openssh; see bench-servers.sh). On a small machine that client and server share, the server's CPU
# per byte decides throughput, and CPU time is far steadier than wall time when other work runs:
# bench-sftp.sh's OpenSSH get rate varied from 240 to 450 MiB/s between consecutive runs on a shared
# machine. Measured: the Java servers' own utime+stime; OpenSSH's through its listener's reaped
# children (sshd-session and sftp-server). WARMUP transfers per server and direction come first and
# are not counted (the JIT compiles during them); then RUNS, interleaved, each after a sync.
# Prints medians in CPU seconds per GiB, and RESULT lines: OpenSSH's (or MINA's) CPU over ours, so
# above 1 means we spend less.
set -euo pipefail
SIZE_MIB=${SIZE_MIB:-512}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-2}
CIPHERS=${CIPHERS:-chacha20-poly1305@openssh.com}
source "$(dirname "$0")/bench-servers.sh"
bench_servers_init bench-sftp-cpu

head -c "$((SIZE_MIB << 20))" /dev/urandom > "$WORK/payload"
start_unikernel "$((SIZE_MIB * 2 + 256))M"
start_mina
start_openssh
wait_for_servers
HZ=$(getconf CLK_TCK)

# cpu_ticks SERVER: the server's CPU so far, in clock ticks.
cpu_ticks() {
    case $1 in
        unikernel) awk '{print $14 + $15}' "/proc/$PID_UNIKERNEL/stat" ;;
        mina) awk '{print $14 + $15}' "/proc/$PID_MINA/stat" ;;
        # The listener's reaped children: every session process that has ended, with its sftp-server.
        openssh) awk '{print $16 + $17}' "/proc/$PID_OPENSSH/stat" ;;
    esac
}

# transfer SERVER CIPHER DIRECTION -> the server's CPU seconds for it
transfer() {
    local cipher=$2 direction=$3 batch=$WORK/batch
    server_login "$1"
    if [[ $direction == put ]]; then
        printf -- '-rm %s/payload\nput %s %s/payload\n' "$REMOTE" "$WORK/payload" "$REMOTE" > "$batch"
    else
        printf 'get %s/payload %s\n' "$REMOTE" "$WORK/fetched" > "$batch"
    fi
    local before after
    before=$(cpu_ticks "$1")
    sftp -q -b "$batch" -P "$PORT" -c "$cipher" "${SSH_CLIENT_OPTIONS[@]}" "$LOGIN" >/dev/null 2>&1 \
        || { echo "bench-sftp-cpu: $direction to $LOGIN:$PORT failed" >&2; return 1; }
    sleep 0.2 # the session's processes end and are reaped after the client has gone
    after=$(cpu_ticks "$1")
    if [[ $direction == get ]]; then
        cmp -s "$WORK/payload" "$WORK/fetched" || { echo "bench-sftp-cpu: $LOGIN:$PORT returned different bytes" >&2; return 1; }
        rm -f "$WORK/fetched"
    fi
    echo "($after - $before) / $HZ" | bc -l
}

servers=(unikernel mina openssh)
printf '\n%-30s %-9s %-4s %14s %10s %10s\n' cipher server dir "CPU s/GiB" "mina/us" "openssh/us"
for cipher in ${CIPHERS//,/ }; do
    for direction in put get; do
        declare -A seconds=() perGib=()
        for run in $(seq 0 $((WARMUP + RUNS - 1))); do
            for i in 0 1 2; do
                server=${servers[$(((run + i) % 3))]}
                sync
                s=$(transfer "$server" "$cipher" "$direction") || exit 1
                if ((run >= WARMUP)); then
                    seconds[$server]="${seconds[$server]:-} $s"
                fi
            done
        done
        for server in "${servers[@]}"; do
            # shellcheck disable=SC2086 # one word per time
            perGib[$server]=$(echo "$(printf '%s\n' ${seconds[$server]} | median) * 1024 / $SIZE_MIB" | bc -l)
        done
        for server in "${servers[@]}"; do
            printf '%-30s %-9s %-4s %14.2f %10.2f %10.2f\n' "$cipher" "$server" "$direction" "${perGib[$server]}" \
                "$(echo "${perGib[mina]} / ${perGib[$server]}" | bc -l)" "$(echo "${perGib[openssh]} / ${perGib[$server]}" | bc -l)"
        done
        for peer in openssh mina; do
            printf 'RESULT sftp-cpu.%s.%s.vs-%s %.2f CPU-s/GiB %s %.2f %.3f\n' "${cipher%%@*}" "$direction" "$peer" \
                "${perGib[unikernel]}" "$peer" "${perGib[$peer]}" "$(echo "${perGib[$peer]} / ${perGib[unikernel]}" | bc -l)"
        done
        unset seconds perGib
    done
done
echo "bench-sftp-cpu: ${SIZE_MIB} MiB, median of $RUNS runs after $WARMUP warm-up, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

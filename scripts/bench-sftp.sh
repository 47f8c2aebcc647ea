#!/usr/bin/env bash
# SFTP throughput, side by side in one run on this machine, with the real OpenSSH sftp client:
#   unikernel  examples/sftp on the unix target (MINA SSHD + FAT16 + LUKS2 on a disk image)
#   mina       plain Apache MINA SSHD SFTP with its defaults, on the host file system
#   openssh    OpenSSH's sshd + sftp-server on the host file system
#   openssh-fsync  the same OpenSSH server, put with `put -f` (fsync@openssh.com after the upload):
#              durable when it ends, as every upload to unikernel is (its close commits to disk)
# Each does SIZE_MIB put and get RUNS times per cipher; the table shows medians in MiB/s and ratios.
# Before those, every server does WARMUP puts and gets per cipher that are not counted: a JVM runs a
# new server's first gigabytes at 0.4-0.9 of its later speed while the JIT compiles (OpenSSH has no
# such phase). The first of them, a fresh server's first put and get, is printed on its own.
# Everything listens on 127.0.0.1 only and is stopped at the end. Needs: openssh-server, a built
# examples/sftp (unix) and benchmarks/target/plain-mina-sftp.jar (./mvnw install builds it).
set -euo pipefail
SIZE_MIB=${SIZE_MIB:-1024}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
CIPHERS=${CIPHERS:-aes128-gcm@openssh.com}
source "$(dirname "$0")/bench-servers.sh"
bench_servers_init bench-sftp

echo "bench-sftp: making a ${SIZE_MIB} MiB random file"
head -c "$((SIZE_MIB << 20))" /dev/urandom > "$WORK/payload"
start_unikernel "$((SIZE_MIB * 2 + 256))M"
start_mina
start_openssh
wait_for_servers

# transfer SERVER CIPHER DIRECTION -> seconds
transfer() {
    local cipher=$2 direction=$3 batch=$WORK/batch flags=
    server_login "${1%-fsync}"
    [[ $1 == *-fsync ]] && flags=-f
    local port=$PORT remote=$REMOTE
    if [[ $direction == put ]]; then
        printf -- '-rm %s/payload\nput %s %s %s/payload\n' "$remote" "$flags" "$WORK/payload" "$remote" > "$batch"
    else
        printf 'get %s/payload %s\n' "$remote" "$WORK/fetched" > "$batch"
    fi
    local start end
    start=$(date +%s.%N)
    if ! sftp -q -b "$batch" -P "$port" -c "$cipher" "${SSH_CLIENT_OPTIONS[@]}" "$LOGIN" >/dev/null; then
        echo "bench-sftp: $direction to $LOGIN:$port failed" >&2
        return 1
    fi
    end=$(date +%s.%N)
    if [[ $direction == get ]]; then
        cmp -s "$WORK/payload" "$WORK/fetched" || { echo "bench-sftp: $LOGIN:$port returned different bytes" >&2; return 1; }
        rm -f "$WORK/fetched"
    fi
    echo "$end - $start" | bc -l
}

results=()
# rate_line CIPHER SERVER DIRECTION RATE MINA_RATE OPENSSH_RATE: one row of a table.
rate_line() {
    printf '%-24s %-13s %-4s %12.1f %10.2f %10.2f\n' "$1" "$2" "$3" "$4" "$(echo "$4 / $5" | bc -l)" "$(echo "$4 / $6" | bc -l)"
}

if ((WARMUP > 0)); then
    declare -A first=()
    for cipher in ${CIPHERS//,/ }; do
        for direction in put get; do
            for server in unikernel mina openssh; do
                for _ in $(seq 1 "$WARMUP"); do
                    sync
                    seconds=$(transfer "$server" "$cipher" "$direction") || exit 1
                    [[ -n ${first[$server.$direction]:-} ]] || first[$server.$direction]=$(echo "$SIZE_MIB / $seconds" | bc -l)
                done
            done
        done
    done
    cipher=${CIPHERS%%[, ]*}
    printf '\nA fresh server'"'"'s first put and get (%s), not counted below:\n' "$cipher"
    printf '%-24s %-13s %-4s %12s %10s %10s\n' cipher server dir "MiB/s" "vs mina" "vs openssh"
    for direction in put get; do
        for server in unikernel mina openssh; do
            rate_line "$cipher" "$server" "$direction" "${first[$server.$direction]}" "${first[mina.$direction]}" "${first[openssh.$direction]}"
        done
        results+=("$(printf 'RESULT sftp.first.%s.vs-openssh %.1f MiB/s openssh %.1f %.3f' "$direction" \
            "${first[unikernel.$direction]}" "${first[openssh.$direction]}" \
            "$(echo "${first[unikernel.$direction]} / ${first[openssh.$direction]}" | bc -l)")")
    done
fi

printf '\nAfter %s warm-up put(s) and get(s) per cipher, median of %s:\n' "$WARMUP" "$RUNS"
printf '%-24s %-13s %-4s %12s %10s %10s\n' cipher server dir "MiB/s" "vs mina" "vs openssh"
for cipher in ${CIPHERS//,/ }; do
    declare -A rate=()
    for direction in put get; do
        # Runs interleave the servers, each run starting with the next one, and every transfer starts
        # after a sync: no server always follows another's writeback of a gigabyte.
        declare -A times=()
        servers=(unikernel mina openssh)
        [[ $direction == put ]] && servers+=(openssh-fsync)
        for run in $(seq 0 $((RUNS - 1))); do
            for i in "${!servers[@]}"; do
                server=${servers[$(((run + i) % ${#servers[@]}))]}
                sync
                seconds=$(transfer "$server" "$cipher" "$direction") || exit 1
                times[$server]="${times[$server]:-} $seconds"
            done
        done
        for server in "${servers[@]}"; do
            # shellcheck disable=SC2086 # one word per time
            seconds=$(printf '%s\n' ${times[$server]} | median)
            rate[$server.$direction]=$(echo "$SIZE_MIB / $seconds" | bc -l)
        done
        unset times
        for server in "${servers[@]}"; do
            rate_line "$cipher" "$server" "$direction" "${rate[$server.$direction]}" "${rate[mina.$direction]}" "${rate[openssh.$direction]}"
        done
        peers=(openssh mina)
        [[ $direction == put ]] && peers+=(openssh-fsync)
        for peer in "${peers[@]}"; do
            results+=("$(printf 'RESULT sftp.%s.%s.vs-%s %.1f MiB/s %s %.1f %.3f' "${cipher%%@*}" "$direction" "$peer" \
                "${rate[unikernel.$direction]}" "$peer" "${rate[$peer.$direction]}" \
                "$(echo "${rate[unikernel.$direction]} / ${rate[$peer.$direction]}" | bc -l)")")
        done
    done
    unset rate
done
echo
echo "bench-sftp: ${SIZE_MIB} MiB, median of $RUNS runs after $WARMUP warm-up run(s), $(nproc) cores, $(uname -r)"
printf '%s\n' "${results[@]}"

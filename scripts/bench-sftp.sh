#!/usr/bin/env bash
# SFTP throughput, side by side in one run on this machine, with the real OpenSSH sftp client:
#   unikernel  examples/sftp on the unix target (MINA SSHD + FAT16 + LUKS2 on a disk image)
#   mina       plain Apache MINA SSHD SFTP with its defaults, on the host file system
#   openssh    OpenSSH's sshd + sftp-server on the host file system
# Each does SIZE_MIB put and get RUNS times per cipher; the table shows medians in MiB/s and ratios.
# Everything listens on 127.0.0.1 only and is stopped at the end. Needs: openssh-server, a built
# examples/sftp (unix) and benchmarks/target/plain-mina-sftp.jar (./mvnw install builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZE_MIB=${SIZE_MIB:-1024}
RUNS=${RUNS:-3}
CIPHERS=${CIPHERS:-aes128-gcm@openssh.com}
LAUNCHER=$ROOT/examples/sftp/target/unikernel/unix/bin/sftp
MINA_JAR=$ROOT/benchmarks/target/plain-mina-sftp.jar
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
for need in "$LAUNCHER" "$MINA_JAR" /usr/sbin/sshd /usr/lib/openssh/sftp-server; do
    [[ -e $need ]] || { echo "bench-sftp: missing $need (see the header of this script)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/bench-sftp.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for_port() {
    for _ in $(seq 1 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "bench-sftp: nothing listens on port $1" >&2; return 1
}

ssh-keygen -q -t ed25519 -N '' -f "$WORK/client"
cp "$WORK/client.pub" "$WORK/authorized_keys"
chmod 600 "$WORK/authorized_keys"
printf 'bench passphrase' > "$WORK/passphrase"
echo "bench-sftp: making a ${SIZE_MIB} MiB random file"
head -c "$((SIZE_MIB << 20))" /dev/urandom > "$WORK/payload"

# unikernel
PORT_UNIKERNEL=$(free_port)
"$LAUNCHER" --port="$PORT_UNIKERNEL" --disk="$WORK/disk.img" --create-size="$((SIZE_MIB * 2 + 256))M" \
    --passphrase-file="$WORK/passphrase" --authorized-keys="$WORK/authorized_keys" --host-key="$WORK/host-unikernel" \
    > "$WORK/unikernel.log" 2>&1 &
PIDS+=($!)
# plain MINA
PORT_MINA=$(free_port)
mkdir -p "$WORK/mina-root"
"$JAVA" -jar "$MINA_JAR" "$PORT_MINA" "$WORK/mina-root" "$WORK/authorized_keys" "$WORK/host-mina" > "$WORK/mina.log" 2>&1 &
PIDS+=($!)
# OpenSSH
PORT_OPENSSH=$(free_port)
mkdir -p "$WORK/openssh-root" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host-openssh"
cat > "$WORK/sshd_config" <<EOT
ListenAddress 127.0.0.1
Port $PORT_OPENSSH
HostKey $WORK/host-openssh
AuthorizedKeysFile $WORK/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile $WORK/sshd.pid
Subsystem sftp /usr/lib/openssh/sftp-server
EOT
/usr/sbin/sshd -D -f "$WORK/sshd_config" -E "$WORK/sshd.log" &
PIDS+=($!)
wait_for_port "$PORT_UNIKERNEL"; wait_for_port "$PORT_MINA"; wait_for_port "$PORT_OPENSSH"

# run NAME PORT USER REMOTE_DIR CIPHER DIRECTION -> seconds
transfer() {
    local port=$1 user=$2 remote=$3 cipher=$4 direction=$5 batch=$WORK/batch
    if [[ $direction == put ]]; then
        printf -- '-rm %s/payload\nput %s %s/payload\n' "$remote" "$WORK/payload" "$remote" > "$batch"
    else
        printf 'get %s/payload %s\n' "$remote" "$WORK/fetched" > "$batch"
    fi
    local start end
    start=$(date +%s.%N)
    if ! sftp -q -b "$batch" -P "$port" -i "$WORK/client" -c "$cipher" -o IdentitiesOnly=yes -o BatchMode=yes \
        -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "$user@127.0.0.1" >/dev/null; then
        echo "bench-sftp: $direction to $user@127.0.0.1:$port failed" >&2
        return 1
    fi
    end=$(date +%s.%N)
    if [[ $direction == get ]]; then
        cmp -s "$WORK/payload" "$WORK/fetched" || { echo "bench-sftp: $user@$port returned different bytes" >&2; return 1; }
        rm -f "$WORK/fetched"
    fi
    echo "$end - $start" | bc -l
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '\n%-24s %-9s %-4s %12s %10s %10s\n' cipher server dir "MiB/s" "vs mina" "vs openssh"
for cipher in ${CIPHERS//,/ }; do
    declare -A rate=()
    for direction in put get; do
        for server in unikernel mina openssh; do
            case $server in
                unikernel) port=$PORT_UNIKERNEL user=sftp remote= ;;
                mina) port=$PORT_MINA user=bench remote= ;;
                openssh) port=$PORT_OPENSSH user=$(id -un) remote=$WORK/openssh-root ;;
            esac
            times=()
            for _ in $(seq 1 "$RUNS"); do
                seconds=$(transfer "$port" "$user" "$remote" "$cipher" "$direction") || exit 1
                times+=("$seconds")
            done
            seconds=$(printf '%s\n' "${times[@]}" | median)
            rate[$server.$direction]=$(echo "$SIZE_MIB / $seconds" | bc -l)
        done
        for server in unikernel mina openssh; do
            r=${rate[$server.$direction]}
            printf '%-24s %-9s %-4s %12.1f %10.2f %10.2f\n' "$cipher" "$server" "$direction" "$r" \
                "$(echo "$r / ${rate[mina.$direction]}" | bc -l)" "$(echo "$r / ${rate[openssh.$direction]}" | bc -l)"
        done
    done
    unset rate
done
echo
echo "bench-sftp: ${SIZE_MIB} MiB, median of $RUNS runs, $(nproc) cores, $(uname -r)"

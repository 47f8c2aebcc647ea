# Sourced by the bench-*.sh scripts: starts the three SFTP servers they compare, each on a free port
# of 127.0.0.1, and stops them (and removes $WORK) when the sourcing script exits.
#   unikernel  examples/sftp on the unix target (MINA SSHD + FAT16 + LUKS2 on a disk image)
#   mina       plain Apache MINA SSHD SFTP with its defaults, on the host file system
#   openssh    OpenSSH's sshd (unprivileged config, no PAM) + sftp-server, on the host file system
# Usage: source it, call bench_servers_init NAME, then start_unikernel DISK_SIZE, start_mina,
# start_openssh (each sets PORT_<SERVER> and PID_<SERVER>), then wait_for_servers.
# SERVER_JAVA_OPTS (e.g. -Xmx256m) goes to both Java servers, unikernel and mina.
# The client is the real OpenSSH one: "${SSH_CLIENT_OPTIONS[@]}" authenticates as $WORK/client.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAUNCHER=$BENCH_ROOT/examples/sftp/target/unikernel/unix/bin/sftp
MINA_JAR=$BENCH_ROOT/benchmarks/target/plain-mina-sftp.jar
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
BENCH_PIDS=()

# bench_servers_init NAME: checks what the servers need, makes $WORK and the client's key.
bench_servers_init() {
    BENCH_NAME=$1
    local need
    for need in "$LAUNCHER" "$MINA_JAR" /usr/sbin/sshd /usr/lib/openssh/sftp-server; do
        if [[ ! -e $need ]]; then
            echo "$BENCH_NAME: missing $need; build with: ./mvnw -B install -DskipTests &&" \
                "(cd examples/sftp && ../../mvnw -B unikernel:build -Dtarget=unix); apt-get install openssh-server" >&2
            exit 1
        fi
    done
    WORK=$(mktemp -d "/tmp/$BENCH_NAME.XXXXXX")
    trap bench_servers_cleanup EXIT
    ssh-keygen -q -t ed25519 -N '' -f "$WORK/client"
    cp "$WORK/client.pub" "$WORK/authorized_keys"
    chmod 600 "$WORK/authorized_keys"
    (umask 077 && printf 'bench passphrase' > "$WORK/passphrase")
    SSH_CLIENT_OPTIONS=(-i "$WORK/client" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no
        -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR)
}

bench_servers_cleanup() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    # A FUSE mount left by a failed run would keep $WORK busy.
    if [[ -n ${WORK:-} ]]; then
        local mnt
        for mnt in $(awk -v w="$WORK/" 'index($2, w) == 1 {print $2}' /proc/mounts); do
            fusermount -uz "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
        done
        rm -rf "$WORK"
    fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_for_port() {
    for _ in $(seq 1 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "$BENCH_NAME: nothing listens on port $1" >&2
    return 1
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# start_unikernel DISK_SIZE (e.g. 2304M): a new encrypted disk in $WORK; user sftp, remote root "/".
start_unikernel() {
    PORT_UNIKERNEL=$(free_port)
    JAVA_OPTS=${SERVER_JAVA_OPTS:-} "$LAUNCHER" --port="$PORT_UNIKERNEL" --disk="$WORK/disk.img" --create-size="$1" \
        --passphrase-file="$WORK/passphrase" --authorized-keys="$WORK/authorized_keys" --host-key="$WORK/host-unikernel" \
        > "$WORK/unikernel.log" 2>&1 &
    PID_UNIKERNEL=$!
    BENCH_PIDS+=("$PID_UNIKERNEL")
}

# start_mina: serves $WORK/mina-root; user bench.
start_mina() {
    PORT_MINA=$(free_port)
    mkdir -p "$WORK/mina-root"
    # shellcheck disable=SC2086 # options are words
    "$JAVA" ${SERVER_JAVA_OPTS:-} -jar "$MINA_JAR" "$PORT_MINA" "$WORK/mina-root" "$WORK/authorized_keys" "$WORK/host-mina" > "$WORK/mina.log" 2>&1 &
    PID_MINA=$!
    BENCH_PIDS+=("$PID_MINA")
}

# start_openssh: sshd -D on its own config; the current user, files under $WORK/openssh-root.
start_openssh() {
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
    PID_OPENSSH=$!
    BENCH_PIDS+=("$PID_OPENSSH")
}

wait_for_servers() {
    local port
    for port in ${PORT_UNIKERNEL:-} ${PORT_MINA:-} ${PORT_OPENSSH:-}; do
        wait_for_port "$port"
    done
}

# server_login SERVER: sets PORT, LOGIN (user@127.0.0.1) and REMOTE (the directory files go to).
server_login() {
    case $1 in
        unikernel) PORT=$PORT_UNIKERNEL LOGIN=sftp@127.0.0.1 REMOTE= ;;
        mina) PORT=$PORT_MINA LOGIN=bench@127.0.0.1 REMOTE= ;;
        openssh) PORT=$PORT_OPENSSH LOGIN=$(id -un)@127.0.0.1 REMOTE=$WORK/openssh-root ;;
        *) echo "$BENCH_NAME: unknown server $1" >&2; return 1 ;;
    esac
}

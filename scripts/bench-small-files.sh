#!/usr/bin/env bash
# Many small files: `cp -r` of FILES files of 4 KiB (in DIRS directories) through an sshfs mount into
#   unikernel  examples/sftp on the unix target (MINA SSHD + FAT16 + LUKS2 on a disk image)
#   mina       plain Apache MINA SSHD SFTP on the host file system
#   openssh    OpenSSH's sshd + sftp-server on the host file system
# side by side in one run; RUNS copies each (into a new directory), median in files/s, ratios. Plain
# MINA runs only with MINA=1: without TCP_NODELAY (its default) each file waits for delayed ACKs,
# about 90 ms, so 5,000 files take minutes per run and say nothing new. Every
# copy is checked with diff -r through a fresh mount. Listens on 127.0.0.1 only; stops what it starts.
# Needs: sshfs (FUSE), openssh-server, a built examples/sftp (unix) and benchmarks/target/plain-mina-sftp.jar.
set -euo pipefail
FILES=${FILES:-5000}
DIRS=${DIRS:-50}
RUNS=${RUNS:-3}
CIPHER=${CIPHER:-aes128-gcm@openssh.com}
SERVERS=(unikernel openssh)
[[ ${MINA:-0} == 1 ]] && SERVERS=(unikernel mina openssh)
source "$(dirname "$0")/bench-servers.sh"
command -v sshfs >/dev/null || { echo "bench-small-files: needs sshfs (apt-get install sshfs)" >&2; exit 1; }
bench_servers_init bench-small-files

echo "bench-small-files: making $FILES random files of 4 KiB in $DIRS directories"
python3 - "$WORK/source" "$FILES" "$DIRS" <<'PY'
import os, sys
root, files, dirs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(files):
    d = os.path.join(root, "dir-%03d" % (i % dirs))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "file-%05d.dat" % i), "wb") as f:
        f.write(os.urandom(4096))
PY
# Each copy needs the clusters of FILES files; 8 KiB clusters on a volume of this size.
start_unikernel "$((FILES * RUNS * 8 / 1024 + 256))M"
[[ ${MINA:-0} == 1 ]] && start_mina
start_openssh
wait_for_servers

# mount_server SERVER MOUNTPOINT
mount_server() {
    server_login "$1"
    mkdir -p "$2"
    local option options=()
    for option in "${SSH_CLIENT_OPTIONS[@]}"; do
        [[ $option == -i ]] && continue
        [[ $option == -o ]] && continue
        [[ $option == "$WORK/client" ]] && option="IdentityFile=$WORK/client"
        options+=(-o "$option")
    done
    sshfs -p "$PORT" "${options[@]}" -o Ciphers="$CIPHER" "$LOGIN:${REMOTE:-/}" "$2"
}

# copy_once SERVER RUN -> seconds of cp -r (then checks the copy through a fresh mount)
copy_once() {
    local mnt=$WORK/mnt-$1 start end
    mount_server "$1" "$mnt"
    start=$(date +%s.%N)
    cp -r "$WORK/source" "$mnt/copy-$2"
    end=$(date +%s.%N)
    fusermount -u "$mnt"
    mount_server "$1" "$mnt"
    if ! diff -r "$WORK/source" "$mnt/copy-$2" > "$WORK/diff.log" 2>&1; then
        echo "bench-small-files: the copy on $1 differs from the source:" >&2
        head -5 "$WORK/diff.log" >&2
        fusermount -u "$mnt"
        return 1
    fi
    fusermount -u "$mnt"
    echo "$end - $start" | bc -l
}

declare -A rate=()
for server in "${SERVERS[@]}"; do
    times=()
    for run in $(seq 1 "$RUNS"); do
        seconds=$(copy_once "$server" "$run") || exit 1
        times+=("$seconds")
        echo "bench-small-files: $server run $run: $(printf '%.2f' "$seconds") s"
    done
    rate[$server]=$(echo "$FILES / $(printf '%s\n' "${times[@]}" | median)" | bc -l)
done

printf '\n%-10s %10s %10s\n' server "files/s" "vs openssh"
for server in "${SERVERS[@]}"; do
    printf '%-10s %10.1f %10.2f\n' "$server" "${rate[$server]}" "$(echo "${rate[$server]} / ${rate[openssh]}" | bc -l)"
done
echo
echo "bench-small-files: cp -r of $FILES files of 4 KiB in $DIRS directories through sshfs ($CIPHER)," \
    "median of $RUNS runs, each verified with diff -r; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for peer in "${SERVERS[@]:1}"; do
    printf 'RESULT small-files.cp.vs-%s %.1f files/s %s %.1f %.3f\n' "$peer" "${rate[unikernel]}" "$peer" \
        "${rate[$peer]}" "$(echo "${rate[unikernel]} / ${rate[$peer]}" | bc -l)"
done

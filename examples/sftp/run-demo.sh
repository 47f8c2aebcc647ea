#!/bin/sh
# First-run demo of the sftp unikernel on the unix target: makes what a server needs in ./demo
# (a random LUKS passphrase, a client key and its authorized_keys), then serves a new 256 MiB
# encrypted disk on 127.0.0.1:2222. Run it again and it serves the same disk, host key and files.
set -eu
cd "$(dirname "$0")"
launcher=target/unikernel/unix/bin/sftp
if [ ! -x "$launcher" ]; then
    echo "run-demo: $launcher is missing: build it first with ../../mvnw unikernel:build -Dtarget=unix" >&2
    exit 1
fi
mkdir -p demo
chmod 700 demo
if [ ! -f demo/passphrase ]; then
    # 32 random bytes as base64, no newline; the file is the only copy: losing it loses the disk.
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' > demo/passphrase)
    echo "run-demo: wrote a new random LUKS passphrase to demo/passphrase (keep it: it is the only key to the disk)"
fi
if [ ! -f demo/client_ed25519 ]; then
    ssh-keygen -q -t ed25519 -N '' -C sftp-demo -f demo/client_ed25519
    # Writable by nobody else, or the server refuses it (as sshd's StrictModes does), whatever the umask.
    (umask 077 && cp demo/client_ed25519.pub demo/authorized_keys)
    echo "run-demo: made a client key demo/client_ed25519 and authorized it"
fi
port=${PORT:-2222}
cat <<EOT
run-demo: connect from another terminal with
    sftp -P $port -i $(pwd)/demo/client_ed25519 -o UserKnownHostsFile=$(pwd)/demo/known_hosts sftp@127.0.0.1
  or mount it with
    sshfs -p $port -o IdentityFile=$(pwd)/demo/client_ed25519,UserKnownHostsFile=$(pwd)/demo/known_hosts sftp@127.0.0.1:/ /mnt
run-demo: Ctrl-C stops the server cleanly.
EOT
exec "$launcher" --disk=demo/disk.img --create-size=256M --passphrase-file=demo/passphrase \
    --authorized-keys=demo/authorized_keys --host-key=demo/host_ed25519 --port="$port"

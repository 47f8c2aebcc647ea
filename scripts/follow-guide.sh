#!/usr/bin/env bash
# Follows docs/guide.md literally: runs, in order and in one bash, every ```sh block marked
#   <!-- guide: TARGET... -->                    run it
#   <!-- guide: TARGET... server "REGEX" -->     start it in the background; go on once its output matches REGEX
#   <!-- guide: TARGET... stop -->               stop that server (SIGTERM, what Ctrl-C does) and check it exits 0
# for the targets given (default: unix). It works on a copy of the checkout (sources only) with
# HOME in a scratch directory, so ~/unikernels and examples/sftp/demo are fresh; Maven still uses
# the real local repository, where the framework must be installed (./mvnw install -DskipTests).
# PORT is set to a free port for run-demo.sh. Exit 0 when every block succeeded.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
targets=("$@")
((${#targets[@]})) || targets=(unix)
guide=$root/docs/guide.md

scratch=$(mktemp -d "${TMPDIR:-/tmp}/follow-guide.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 143' TERM INT
mkdir -p "$scratch/home" "$scratch/checkout"
tar -C "$root" --exclude=./.git --exclude='*/target' --exclude=./target --exclude='*/demo' -cf - . \
    | tar -C "$scratch/checkout" -xf -
# The disk tool is documented as built with the framework: bring the built jar along.
mkdir -p "$scratch/checkout/tools/disk/target"
cp "$root/tools/disk/target/disk.jar" "$scratch/checkout/tools/disk/target/" \
    || { echo "follow-guide: build the framework first (./mvnw install -DskipTests)" >&2; exit 1; }

# The guide's blocks become one script, with the server and stop markers turned into helpers.
script=$scratch/guide.sh
python3 - "$guide" "$script" "${targets[@]}" <<'PY'
import re, shlex, sys
guide, out, targets = sys.argv[1], sys.argv[2], set(sys.argv[3:])
lines = open(guide, encoding='utf-8').read().split('\n')
marker = re.compile(r'<!-- guide: ([a-z ]+?)(?: (server) "([^"]*)"| (stop))? -->$')
parts, count, i = [], 0, 0
while i < len(lines):
    m = marker.match(lines[i].strip())
    i += 1
    if not m:
        continue
    tags = set(m.group(1).split())
    if not tags & targets:
        continue
    if m.group(4):
        parts.append('guide_stop')
        continue
    if i >= len(lines) or lines[i].strip() != '```sh':
        sys.exit(f'follow-guide: line {i}: a guide marker must be followed by a ```sh block')
    j = lines.index('```', i + 1)
    block = '\n'.join(lines[i + 1:j])
    count += 1
    parts.append(f'echo "follow-guide: block {count} (docs/guide.md line {i + 1})"')
    if m.group(2):
        parts.append(f'guide_server {shlex.quote(m.group(3))} <<\'GUIDE_SERVER\'\n{block}\nGUIDE_SERVER')
    else:
        parts.append(block)
    i = j + 1
if not count:
    sys.exit('follow-guide: no block is marked for ' + ' '.join(sorted(targets)))
open(out, 'w', encoding='utf-8').write('\n'.join(parts) + '\n')
PY

cat > "$scratch/helpers.sh" <<'HELPERS'
set -euo pipefail
server_pid=
server_log=
guide_server() { # $1: a regex the server prints when ready; the block on stdin
    server_log=$(mktemp)
    # Read here: a background job's stdin is /dev/null.
    local block
    block=$(cat)
    bash -euo pipefail -c "$block" > "$server_log" 2>&1 < /dev/null &
    server_pid=$!
    for _ in $(seq 1 600); do
        if grep -Eq -- "$1" "$server_log"; then return 0; fi
        if ! kill -0 "$server_pid" 2>/dev/null; then cat "$server_log" >&2; echo "follow-guide: the server exited" >&2; exit 1; fi
        sleep 0.5
    done
    cat "$server_log" >&2; echo "follow-guide: the server printed no '$1' in 300 s" >&2; exit 1
}
signal_server() { # $1: the signal, to the block's one command (bash -c exec'd it), as a terminal's Ctrl-C
    # reaches the foreground program; run-qemu and run-sftp.sh turn it into a clean shutdown of what
    # they started (qemu runs in a session of its own, so it never sees the terminal's signal itself).
    kill "-$1" "$server_pid" 2>/dev/null || true
}
guide_stop() {
    signal_server TERM
    local code=0
    wait "$server_pid" || code=$?
    cat "$server_log"
    if [[ $code != 0 ]]; then echo "follow-guide: the server exited with $code" >&2; exit 1; fi
    server_pid=
}
cleanup() { # a failed run: kill the server and what it started (run-qemu's qemu runs in a session of its own)
    if [[ -n $server_pid ]]; then pkill -KILL -P "$server_pid" 2>/dev/null || true; signal_server KILL; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT
HELPERS

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "follow-guide: following docs/guide.md for ${targets[*]} in $scratch/checkout"
maven_home=${MAVEN_USER_HOME:-$HOME/.m2}
repository=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
(
    cd "$scratch/checkout"
    HOME=$scratch/home PORT=$port MAVEN_USER_HOME=$maven_home \
        MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$repository" \
        bash -c 'source "$1"; source "$2"' guide "$scratch/helpers.sh" "$script"
)
echo "follow-guide: every block for ${targets[*]} ran"

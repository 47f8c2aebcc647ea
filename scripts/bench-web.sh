#!/usr/bin/env bash
# Requests per second for one small page, side by side in one run:
#   web   examples/web on the unix target (a KeyValueStore over the directory, ETag from its digest)
#   jdk   the JDK's plain HttpServer reading the same directory per request (benchmarks' PlainHttpFileServer)
# with ApacheBench (ab -k: keep-alive, CONCURRENCY clients, REQUESTS requests a run), WARMUP runs for
# each first (both JITs need a few), then RUNS runs alternating between the two so that both see the same machine load; medians
# and the ratio (target: at least 0.9). Every run must have no failed and no non-2xx response.
# Listens on 127.0.0.1 only; stops what it starts. Needs: apache2-utils (ab), curl, python3, a built
# examples/web (cd examples/web && ../../mvnw unikernel:build -Dtarget=unix) and benchmarks/target/classes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
RUNS=${RUNS:-5}
REQUESTS=${REQUESTS:-20000}
CONCURRENCY=${CONCURRENCY:-16}
WARMUP=${WARMUP:-3}
PAGE=${PAGE:-/index.html}
LAUNCHER=$ROOT/examples/web/target/unikernel/unix/bin/web
SITE=$ROOT/examples/web/site
PEER=$ROOT/benchmarks/target/classes
for need in "$LAUNCHER" "$PEER/dev/unikernel/benchmarks/PlainHttpFileServer.class"; do
    [[ -e $need ]] || { echo "bench-web: missing $need (see the header of this script)" >&2; exit 1; }
done
command -v ab >/dev/null || { echo "bench-web: needs ApacheBench (apt-get install apache2-utils)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/bench-web.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        timeout 30 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_ready NAME PORT PID: until the page answers 200, or the server has exited
wait_ready() {
    local deadline=$((SECONDS + 60))
    until curl -sf -o /dev/null "http://127.0.0.1:$2$PAGE"; do
        kill -0 "$3" 2>/dev/null || { echo "bench-web: $1 exited; its log:" >&2; cat "$WORK/$1.log" >&2; exit 1; }
        ((SECONDS < deadline)) || { echo "bench-web: $1 not ready in 60 s" >&2; exit 1; }
        sleep 0.2
    done
}

WEB_PORT=$(free_port)
"$LAUNCHER" --port="$WEB_PORT" --site="$SITE" --disk="$WORK/counters.img" --create-size=16M \
    >"$WORK/web.log" 2>&1 &
PIDS+=($!)
wait_ready web "$WEB_PORT" $!
JDK_PORT=$(free_port)
"$JAVA_HOME/bin/java" -cp "$PEER" dev.unikernel.benchmarks.PlainHttpFileServer "$JDK_PORT" "$SITE" \
    >"$WORK/jdk.log" 2>&1 &
PIDS+=($!)
wait_ready jdk "$JDK_PORT" $!

curl -sf -o "$WORK/web.page" "http://127.0.0.1:$WEB_PORT$PAGE"
curl -sf -o "$WORK/jdk.page" "http://127.0.0.1:$JDK_PORT$PAGE"
cmp -s "$WORK/web.page" "$WORK/jdk.page" || { echo "bench-web: the two servers send different bytes for $PAGE" >&2; exit 1; }
echo "bench-web: $PAGE ($(stat -c %s "$WORK/web.page") bytes), $REQUESTS requests a run, $CONCURRENCY clients, keep-alive"

# one_run NAME PORT -> requests per second (checks that nothing failed)
one_run() {
    local out=$WORK/ab-$1.txt
    ab -q -k -c "$CONCURRENCY" -n "$REQUESTS" "http://127.0.0.1:$2$PAGE" >"$out" 2>&1 \
        || { echo "bench-web: ab against $1 failed:" >&2; cat "$out" >&2; exit 1; }
    if ! grep -q '^Failed requests: *0$' "$out" || grep -q '^Non-2xx responses' "$out"; then
        echo "bench-web: $1 answered with errors:" >&2
        cat "$out" >&2
        exit 1
    fi
    awk '/^Requests per second:/ { print $4 }' "$out"
}

for ((run = 1; run <= WARMUP; run++)); do
    one_run web "$WEB_PORT" >/dev/null
    one_run jdk "$JDK_PORT" >/dev/null
done
web=() jdk=()
for ((run = 1; run <= RUNS; run++)); do
    web+=("$(one_run web "$WEB_PORT")")
    jdk+=("$(one_run jdk "$JDK_PORT")")
    echo "bench-web: run $run: web ${web[-1]} req/s, jdk ${jdk[-1]} req/s"
done

median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
WEB=$(median "${web[@]}")
JDK=$(median "${jdk[@]}")
RATIO=$(awk -v a="$WEB" -v b="$JDK" 'BEGIN { printf "%.2f", a / b }')
echo
echo "| $PAGE | examples/web | plain JDK HttpServer | ratio |"
echo "|---|---|---|---|"
printf '| requests/s (median of %d) | %.0f | %.0f | %s |\n' "$RUNS" "$WEB" "$JDK" "$RATIO"
echo
awk -v r="$RATIO" 'BEGIN { exit !(r >= 0.9) }' && echo "at least 0.9 of the plain JDK server: yes ($RATIO)" \
    || echo "at least 0.9 of the plain JDK server: NO ($RATIO)"
printf 'RESULT web-small-page %.0f req/s jdk-httpserver %.0f %s\n' "$WEB" "$JDK" "$RATIO"

#!/usr/bin/env bash
# The whole benchmark suite in one command: every bench-*.sh below, each comparing us against a peer
# measured side by side in the same run, then one table of those ratios. Each script prints
#   RESULT <name> <ours> <unit> <peer> <peer's value> <ours/peer>
# lines that this collects; full logs go to target/bench/<time>/. A failing benchmark is reported and
# the rest still run. QUICK=1: a short smoke run (small sizes, one run each; figures are not meaningful).
# Builds what is missing (the framework, examples/sftp for the unix target, the plain MINA peer) with
# ./mvnw and $MAVEN_ARGS (e.g. MAVEN_ARGS=-o offline). Needs openssh-server, openssh-client, sshfs and
# apache2-utils (ab).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# The builds and the Java servers run on JDK 25 (the machine's default java is older): Temurin's
# unless JAVA_HOME names another.
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
QUICK=${QUICK:-0}
export QUICK
OUT=$ROOT/target/bench/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

if [[ ! -x examples/sftp/target/unikernel/unix/bin/sftp || ! -f benchmarks/target/plain-mina-sftp.jar ]]; then
    echo "bench: building the framework and examples/sftp (unix target)"
    ./mvnw -B -q install -DskipTests || { echo "bench: ./mvnw install -DskipTests failed" >&2; exit 1; }
    (cd examples/sftp && ../../mvnw -B -q unikernel:build -Dtarget=unix) \
        || { echo "bench: building examples/sftp for the unix target failed" >&2; exit 1; }
fi
if [[ ! -x examples/web/target/unikernel/unix/bin/web ]]; then
    (cd examples/web && ../../mvnw -B -q unikernel:build -Dtarget=unix) \
        || { echo "bench: building examples/web for the unix target failed" >&2; exit 1; }
fi

# name, the environment for a quick run, then the one for a full run
benchmarks=(
    "bench-sftp.sh|SIZE_MIB=64 RUNS=1|CIPHERS=aes128-gcm@openssh.com chacha20-poly1305@openssh.com"
    "bench-sftp-cpu.sh|SIZE_MIB=64 RUNS=1 WARMUP=1|CIPHERS=aes128-gcm@openssh.com,chacha20-poly1305@openssh.com"
    "bench-small-files.sh|FILES=300 DIRS=10 RUNS=1|"
    "bench-footprint.sh|SIZE_MIB=4|"
    "bench-xts.sh||"
    "bench-chacha20-poly1305.sh||"
    "bench-fat-volume.sh||"
    "bench-startup.sh||"
    "bench-web.sh|REQUESTS=2000 RUNS=1 WARMUP=1|"
    "bench-vm-boot.sh||"
)
status=()
for entry in "${benchmarks[@]}"; do
    script=${entry%%|*}
    environments=${entry#*|}
    quick_env=${environments%%|*}
    full_env=${environments#*|}
    if [[ ! -f scripts/$script ]]; then
        status+=("$(printf '%-22s %s' "$script" "not present, skipped")")
        continue
    fi
    echo "bench: ===== $script ====="
    start=$(date +%s)
    if [[ $QUICK == 1 ]]; then
        env $quick_env bash "scripts/$script" 2>&1 | tee "$OUT/${script%.sh}.log"
    else
        env ${full_env:+"$full_env"} bash "scripts/$script" 2>&1 | tee "$OUT/${script%.sh}.log"
    fi
    rc=${PIPESTATUS[0]}
    status+=("$(printf '%-22s %s in %d s' "$script" "$([[ $rc == 0 ]] && echo ok || echo "FAILED (exit $rc)")" "$(($(date +%s) - start))")")
done

grep -h '^RESULT ' "$OUT"/*.log > "$OUT/results.txt" 2>/dev/null || true
{
    echo
    echo "bench: summary ($( [[ $QUICK == 1 ]] && echo "QUICK smoke run: figures not meaningful" || echo "full run" );" \
        "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); logs in $OUT)"
    printf '%s\n' "${status[@]}"
    echo
    awk '
        BEGIN { printf "%-46s %12s %-8s %-18s %12s %9s  %s\n", "result", "ours", "unit", "peer", "peer", "ours/peer", "better" }
        {
            better = ($4 ~ /\/s$/) ? "higher" : "lower"
            printf "%-46s %12s %-8s %-18s %12s %9.2f  %s\n", $2, $3, $4, $5, $6, $7, better
        }' "$OUT/results.txt"
} | tee "$OUT/summary.txt"

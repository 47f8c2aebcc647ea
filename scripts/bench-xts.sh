#!/usr/bin/env bash
# LUKS2's AES-XTS (devices/luks XtsBenchmark, JMH) against raw JCA AES/ECB on the same buffers, the
# practical ceiling: prints MB/s of each and the ratio. Compiles what it needs (Maven, with $MAVEN_ARGS).
# QUICK=1: a short smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
./mvnw -B -q -pl devices/luks -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
if [[ ${QUICK:-0} == 1 ]]; then
    timing=(-f 1 -wi 1 -w 500ms -i 2 -r 500ms)
else
    timing=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
fi
log=$(mktemp /tmp/bench-xts.XXXXXX)
trap 'rm -f "$log"' EXIT
"$JAVA" -Djmh.ignoreLock=true \
    -cp "devices/luks/target/test-classes:devices/luks/target/classes:api/target/classes:$(cat devices/luks/target/benchmark.classpath)" \
    org.openjdk.jmh.Main XtsBenchmark "${timing[@]}" -rf csv -rff "$log.csv" > "$log" 2>&1 \
    || { tail -30 "$log" >&2; exit 1; }
# CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: bytes"
python3 - "$log.csv" <<'PY'
import csv, sys
rate = {}
for row in csv.DictReader(open(sys.argv[1])):
    name = row["Benchmark"].rsplit(".", 1)[1]          # xtsEncrypt, ecbDecrypt, ...
    size = int(row["Param: bytes"])
    rate[(name, size)] = float(row["Score"]) * size / 1000  # ops/ms -> MB/s
print("%-10s %8s %12s %12s %8s" % ("direction", "bytes", "XTS MB/s", "ECB MB/s", "XTS/ECB"))
results = []
for direction in ("Encrypt", "Decrypt"):
    for size in sorted({s for (_, s) in rate}):
        xts, ecb = rate[("xts" + direction, size)], rate[("ecb" + direction, size)]
        print("%-10s %8d %12.0f %12.0f %8.2f" % (direction.lower(), size, xts, ecb, xts / ecb))
        results.append("RESULT xts.%s.%d.vs-ecb %.0f MB/s jca-aes-ecb %.0f %.3f" % (direction.lower(), size, xts, ecb, xts / ecb))
print("\n".join(results))
PY
rm -f "$log.csv"
echo "bench-xts: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

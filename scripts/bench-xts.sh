#!/usr/bin/env bash
# LUKS2's AES-XTS (devices/luks) against raw JCA AES/ECB on the same buffers, the practical ceiling.
# Runs XtsPairedMeasurement: ECB, XTS and the LuksDevice path alternate in ~1 ms rounds in one JVM and
# the medians of the per-round ratios are printed, which holds up on a shared, noisy machine (a JMH run
# sees ECB and XTS minutes apart; devices/luks XtsBenchmark is the JMH view). Prints RESULT lines for
# scripts/bench.sh. It runs twice: with the JVM's defaults (VAES where the CPU has it) and with AES-NI
# only (-XX:UseAVX=2); QUICK=1 runs the first only. Compiles what it needs (Maven, with $MAVEN_ARGS).
set -euo pipefail
cd "$(dirname "$0")/.."
# Maven (the build these need) and the measurement both run on JDK 25: Temurin's unless JAVA_HOME says.
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
./mvnw -B -q -pl devices/luks -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
CP="devices/luks/target/test-classes:devices/luks/target/classes:api/target/classes:$(cat devices/luks/target/benchmark.classpath)"
measure() { # LABEL JVM-OPTIONS...
    local label=$1
    shift
    echo "bench-xts: $label"
    local output
    output=$("$JAVA" "$@" -cp "$CP" dev.unikernel.luks.XtsPairedMeasurement)
    echo "$output"
    echo "$output" | python3 -c '
import re, sys
label = sys.argv[1]
for line in sys.stdin:
    m = re.match(r"\s*(\d+)-byte calls,\s*(\d+)-byte sectors: ECB enc\s*([\d.]+) dec\s*([\d.]+) GB/s \| XTS enc\s*([\d.]+) \(([\d.]+)\) dec\s*([\d.]+) \(([\d.]+)\)", line)
    if m:
        calls, sector, ecb_enc, ecb_dec, xts_enc, r_enc, xts_dec, r_dec = m.groups()
        print(f"RESULT xts{label}.enc.{calls}B.{sector}s {float(xts_enc) * 1000:.0f} MB/s jca-aes-ecb {float(ecb_enc) * 1000:.0f} {r_enc}")
        print(f"RESULT xts{label}.dec.{calls}B.{sector}s {float(xts_dec) * 1000:.0f} MB/s jca-aes-ecb {float(ecb_dec) * 1000:.0f} {r_dec}")
' "$label"
}
measure ""
if [[ ${QUICK:-0} != 1 ]]; then
    measure "-aesni" -XX:UseAVX=2
fi
echo "bench-xts: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(grep -m1 -o -w 'vaes' /proc/cpuinfo || echo 'no VAES')"

#!/usr/bin/env bash
# chacha20-poly1305@openssh.com per packet in examples/sftp (what each downloaded byte costs the
# server): our Poly1305 against the Java runtime's, and our transport cipher against MINA's and against
# the JDK's RFC 8439 ChaCha20-Poly1305 cipher (the same work, the practical ceiling). Runs
# ChaCha20Poly1305PairedMeasurement: the contenders alternate in rounds of a few ms in one JVM and the
# medians of the per-round ratios are printed, which holds up on a shared, noisy machine. The JVM gets
# the option the example's launcher has, which opens the runtime's Poly1305 to it; OPENED=0 leaves it
# out (our Poly1305 only, as a runtime without it would run). Prints RESULT lines for scripts/bench.sh.
# Compiles what it needs (Maven, with $MAVEN_ARGS; the framework must be installed).
set -euo pipefail
cd "$(dirname "$0")/../examples/sftp"
# Maven (the build these need) and the measurement both run on JDK 25: Temurin's unless JAVA_HOME says.
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
../../mvnw -B -q test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
options=()
if [[ ${OPENED:-1} == 1 ]]; then
    options+=(--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED)
fi
output=$("$JAVA" "${options[@]}" -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
    dev.unikernel.examples.sftp.ChaCha20Poly1305PairedMeasurement)
echo "$output"
# RESULT <name> <ours> <unit> <peer> <peer's value> <ours/peer>: the transport as the launcher runs it.
echo "$output" | python3 -c '
import re, sys
rates, ratios = {}, {}
for line in sys.stdin:
    m = re.match(r"\s*(\d+)-byte packets \(MB/s[^:]*:(.*)", line)
    if m:
        rates[m.group(1)] = dict((k, float(v)) for k, v in re.findall(r"(\S+) ([\d.]+)", m.group(2)))
    m = re.match(r"RATIO (\S+)\.(\d+)B ([\d.]+)", line)
    if m:
        ratios[(m.group(1), m.group(2))] = float(m.group(3))
for size, rate in rates.items():
    ours = "transport.runtime-mac" if "transport.runtime-mac" in rate else "transport.ours-mac"
    for peer in ("jdk-aead", "mina"):
        ratio = ratios.get((ours + "-vs-" + peer, size))
        if ratio is not None:
            print(f"RESULT chacha20-poly1305.encrypt.{size}B.vs-{peer} {rate[ours]:.0f} MB/s {peer} {rate[peer]:.0f} {ratio:.2f}")
'
echo "bench-chacha20-poly1305: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg);" \
    "$(grep -m1 -o -w 'avx512ifma' /proc/cpuinfo || echo 'no AVX512-IFMA')"

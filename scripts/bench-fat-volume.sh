#!/usr/bin/env bash
# FAT16's per-operation cost against the volume's size and fill (JMH, benchmarks/src/test/.../fat):
# create+write 4 KiB+close, append a cluster, delete, stat, list, free space, mount, each on a 64 MiB and
# a 2 GiB volume, empty and 90% full. Prints the microseconds of each and the ratio worst/best, which
# should stay near 1. Compiles what it needs (Maven, with $MAVEN_ARGS, e.g. -o for offline).
# QUICK=1: a short smoke run; JMH_TIMING replaces the forks/iterations options. Extra arguments go to JMH (e.g. a benchmark name pattern).
set -euo pipefail
cd "$(dirname "$0")/.."
# Maven (the build these need) and the measurement both run on JDK 25: Temurin's unless JAVA_HOME says.
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
# -am compiles devices/fat from this tree, so the benchmark measures the sources here.
./mvnw -B -q -pl benchmarks -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
if [[ -n ${JMH_TIMING:-} ]]; then
    read -r -a timing <<< "$JMH_TIMING"
elif [[ ${QUICK:-0} == 1 ]]; then
    timing=(-f 1 -wi 1 -w 300ms -i 2 -r 300ms)
else
    timing=(-f 2 -wi 2 -w 1s -i 3 -r 1s)
fi
# Other JMH runs on a shared machine hold /tmp/jmh.lock; ours need not wait for them.
"$JAVA" -Djmh.ignoreLock=true \
    -cp "benchmarks/target/test-classes:devices/fat/target/classes:api/target/classes:$(cat benchmarks/target/benchmark.classpath)" \
    dev.unikernel.benchmarks.fat.VolumeScaleReport "${timing[@]}" "$@" > /tmp/bench-fat-volume.$$.log 2>&1 \
    || { tail -40 /tmp/bench-fat-volume.$$.log >&2; rm -f /tmp/bench-fat-volume.$$.log; exit 1; }
# JMH's own progress is long; keep its failures and our table.
grep -E -A3 '<failure>' /tmp/bench-fat-volume.$$.log || true
sed -n '/^µs per operation/,$p' /tmp/bench-fat-volume.$$.log
rm -f /tmp/bench-fat-volume.$$.log
echo "bench-fat-volume: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

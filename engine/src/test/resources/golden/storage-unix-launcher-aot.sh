#!/bin/sh
# Runs storage (dev.unikernel.engine.apps.Storage), built by unikernel-maven-plugin for target unix.
# Keys are --name=value arguments; --help lists them. JAVA_OPTS adds JVM options.
set -e
self=$(readlink -f "$0")
home=$(dirname "$(dirname "$self")")
java="$home/runtime/bin/java"
cp="$home/lib/unikernel-main.jar:$home/lib/storage-1.0.jar:$home/lib/unikernel-runtime-unix-1.0.jar"
# The AOT cache made at build time by a training run: classes come loaded, linked and profiled.
# A cache this JVM cannot use is skipped silently; UNIKERNEL_AOT=off runs without it.
aot="$home/aot/storage.aot"
if [ ! -f "$aot" ] || [ "${UNIKERNEL_AOT:-on}" = off ]; then aot=; fi
exec "$java" ${aot:+"-XX:AOTCache=$aot"} ${aot:+"-Xlog:aot*=off,cds*=off"} '-Xmx64m' $JAVA_OPTS -cp "$cp" unikernel.Main "$@"

#!/bin/sh
# Runs storage (dev.unikernel.engine.apps.Storage), built by unikernel-maven-plugin for target unix.
# Keys are --name=value arguments; --help lists them. JAVA_OPTS adds JVM options.
set -e
self=$(readlink -f "$0")
home=$(dirname "$(dirname "$self")")
java="$home/runtime/bin/java"
cp="$home/lib/unikernel-main.jar:$home/lib/storage-1.0.jar:$home/lib/unikernel-runtime-unix-1.0.jar"
exec "$java" '-Xmx64m' $JAVA_OPTS -cp "$cp" unikernel.Main "$@"

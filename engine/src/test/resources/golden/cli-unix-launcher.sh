#!/bin/sh
# Runs cli (dev.unikernel.engine.apps.Cli), built by unikernel-maven-plugin for target unix.
# Every argument is the application's; keys are UNIKERNEL_<KEY> environment variables. JAVA_OPTS adds JVM options.
set -e
self=$(readlink -f "$0")
home=$(dirname "$(dirname "$self")")
java="$home/runtime/bin/java"
cp="$home/lib/unikernel-main.jar:$home/lib/cli-1.0.jar"
exec "$java" '-Xmx64m' $JAVA_OPTS -cp "$cp" unikernel.Main "$@"

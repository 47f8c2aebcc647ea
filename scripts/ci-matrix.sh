#!/usr/bin/env bash
# The CI matrix, runnable here: builds every example for each target given (default: unix vm oci)
# exactly as a user would (./mvnw unikernel:build -Dtarget=T in the example), then smoke-runs the
# hello example on that target. .github/workflows/ci.yml runs this script once per matrix entry,
# and the e2e test CiMatrixTest runs it for the targets this checkout builds, so neither can rot.
#
# Each example is copied (without target/ and demo/) to $CI_MATRIX_WORKDIR (default target/ci-matrix)
# and built there: that proves it stands alone with only the installed framework, as a copy a user
# makes would, and keeps the checkout's own examples/*/target untouched.
#
# Needs the framework installed (./mvnw install -DskipTests). A smoke run whose tools are missing
# (qemu for vm; podman, docker or root with runc, skopeo and umoci for oci) is skipped with a note
# unless CI_MATRIX_STRICT=1; set it in CI. EXAMPLES="hello" narrows the examples built.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mvnw=("$root/mvnw" -B -ntp ${MVN_FLAGS:-})
targets=("$@")
((${#targets[@]})) || targets=(unix vm oci)
read -r -a examples <<< "${EXAMPLES:-hello sftp}"
work=${CI_MATRIX_WORKDIR:-$root/target/ci-matrix}

say() { echo "ci-matrix: $*"; }
fail() { echo "ci-matrix: FAILED: $*" >&2; exit 1; }
missing() { # a smoke run cannot happen here: fail in strict mode, else say so
    if [[ ${CI_MATRIX_STRICT:-0} == 1 ]]; then fail "$1"; fi
    say "skipped: $1"
}

copy_examples() {
    for example in "${examples[@]}"; do
        [[ -f $root/examples/$example/pom.xml ]] || fail "no example examples/$example"
        rm -rf "${work:?}/$example"
        mkdir -p "$work/$example"
        tar -C "$root/examples/$example" --exclude=./target --exclude=./demo -cf - . | tar -C "$work/$example" -xf -
    done
}

build() { # $1 example, $2 target
    say "building examples/$1 for $2 in $work/$1"
    (cd "$work/$1" && "${mvnw[@]}" -q unikernel:build -Dtarget="$2") || fail "examples/$1 for $2 did not build"
}

expect_greeting() { # $1 output of a hello run
    grep -q "Hello, CI! It is " <<< "$1" || fail "no greeting in:"$'\n'"$1"
}

smoke_unix() {
    local out=$work/hello/target/unikernel/unix
    expect_greeting "$("$out/bin/hello" --name=CI)"
    if [[ " ${examples[*]} " == *" sftp "* ]]; then
        "$work/sftp/target/unikernel/unix/bin/sftp" --help | grep -q -- "--passphrase-file=PATH" \
            || fail "sftp --help lists no passphrase key"
    fi
}

smoke_vm() {
    local out=$work/hello/target/unikernel/vm
    for file in hello.kernel hello.initrd run-qemu firecracker.json; do
        [[ -f $out/$file ]] || fail "vm output $file is missing"
    done
    if ! command -v qemu-system-x86_64 >/dev/null; then
        missing "booting the vm needs qemu-system-x86_64 (Debian: qemu-system-x86)"
        return
    fi
    # TCG: works without KVM (CI runners and nested VMs); KVM users leave UNIKERNEL_ACCEL unset.
    local output
    output=$(UNIKERNEL_ACCEL=tcg timeout 300 "$out/run-qemu" --name=CI) || fail "the vm did not exit 0:"$'\n'"$output"
    expect_greeting "$output"
}

smoke_oci() {
    local out=$work/hello/target/unikernel/oci
    [[ -s $out/hello.tar ]] || fail "oci image archive hello.tar is missing"
    grep -q '^sha256:' "$out/hello.digest" || fail "no image digest"
    if ! command -v podman >/dev/null && ! { command -v docker >/dev/null && docker info >/dev/null 2>&1; } \
        && ! { [[ $(id -u) == 0 ]] && command -v runc >/dev/null && command -v skopeo >/dev/null \
            && command -v umoci >/dev/null; }; then
        missing "running the image needs podman, docker, or root with runc, skopeo and umoci"
        return
    fi
    local output
    output=$(timeout 300 bash "$out/run-hello.sh" --name=CI </dev/null) || fail "the container did not exit 0:"$'\n'"$output"
    expect_greeting "$output"
}

for target in "${targets[@]}"; do
    case $target in unix | vm | oci) ;; *) fail "unknown target '$target': choose unix, vm or oci" ;; esac
done
copy_examples
for target in "${targets[@]}"; do
    start=$SECONDS
    for example in "${examples[@]}"; do
        build "$example" "$target"
    done
    if [[ " ${examples[*]} " == *" hello "* ]]; then "smoke_$target"; fi
    say "target $target passed in $((SECONDS - start)) s"
done

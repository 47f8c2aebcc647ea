#!/usr/bin/env bash
# Runs every test: unit tests, the plugin's invoker ITs, interop tests against the real tools, and the
# end-to-end tests of the examples. Installs the Debian packages the tests use when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tools the tests compare against: HTTP (curl), FAT (dosfstools, mtools), LUKS2 (cryptsetup-bin, and an independent
# AES-XTS in python3-cryptography), SFTP clients (openssh-client, sshfs), the vm target (qemu, a kernel
# with virtio modules, cpio; zstd and xz-utils to compress modules as Ubuntu and Fedora do), the oci
# target (skopeo, umoci, runc, docker-registry), Graphviz for describe, Node.js for the Kubernetes
# manifest's schema check (npm ci: NodeSource's nodejs has npm; on Debian's, add npm).
PACKAGES=(binutils curl dosfstools mtools cryptsetup-bin python3-cryptography openssh-client sshfs
          qemu-system-x86 linux-image-cloud-amd64 cpio zstd xz-utils skopeo umoci runc docker-registry graphviz
          nodejs)

missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "test-all: missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2
        exit 1
    fi
    echo "test-all: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export JAVA_HOME="${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ ! -x "$JAVA_HOME/bin/javac" ]]; then
    echo "test-all: no JDK 25 at $JAVA_HOME: install Temurin 25 or set JAVA_HOME_25" >&2
    exit 1
fi
./mvnw -B -ntp install "$@"

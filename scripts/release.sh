#!/usr/bin/env bash
# Releases the framework: sets VERSION in every module, in the examples and in the docs, then builds
# and deploys every published module, with its sources and Javadoc, to REPOSITORY (a Maven repository
# URL, e.g. file:///srv/maven or https://repo.example.com/releases). Extra arguments go to Maven
# (e.g. -DskipTests once scripts/test-all.sh has passed). It commits and tags nothing: it prints the
# git commands to do so. See docs/releasing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if (($# < 2)); then
    echo "usage: scripts/release.sh VERSION REPOSITORY_URL [MAVEN_ARGUMENT...]" >&2
    echo "  e.g. scripts/release.sh 0.1.0 file://\$HOME/releases" >&2
    exit 1
fi
version=$1 repository=$2
shift 2
if [[ ! $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([.-][A-Za-z0-9.]+)?$ || $version == *-SNAPSHOT ]]; then
    echo "release: '$version' is not a release version: give one like 1.2.3 (a -SNAPSHOT is not a release)" >&2
    exit 1
fi
if [[ ! $repository =~ ^[a-z]+:// ]]; then
    echo "release: '$repository' is not a repository URL: give one like file:///srv/maven or https://HOST/PATH" >&2
    exit 1
fi

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# The version this tree has now: the parent's, the first <version> after its artifactId.
current=$(sed -n '/<artifactId>unikernel-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)
if [[ -z $current ]]; then
    echo "release: cannot read the current version from pom.xml" >&2
    exit 1
fi
echo "release: $current -> $version"

./mvnw -B -ntp -q versions:set -DnewVersion="$version"
# The examples are projects of their own, and the docs show the version a user puts in a pom: both
# name the framework's version literally.
mapfile -t mentions < <(grep -rlF -- "$current" examples/*/pom.xml docs README.md ARCHITECTURE.md 2>/dev/null || true)
for file in "${mentions[@]}"; do
    sed -i "s/$(printf '%s' "$current" | sed 's/[.]/\\./g')/$version/g" "$file"
done
echo "release: version set in the modules and in ${#mentions[@]} example and doc files"

# e2e, reliability and benchmarks are tests of this tree, not published (maven.deploy.skip in their poms).
./mvnw -B -ntp -P release deploy -DaltDeploymentRepository="release::$repository" "$@"

echo "release: $version deployed to $repository"
echo "release: to record it: git commit -am 'release $version' && git tag v$version"
echo "release: then set the next snapshot: ./mvnw versions:set -DnewVersion=NEXT-SNAPSHOT (and the examples and docs as above)"

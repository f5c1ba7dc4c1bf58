#!/usr/bin/env bash
# Log purge benchmark: does purging one hour cost the same with 4x the total log volume?
# Usage: bench/logpurge.sh [total MB at 1x, default 200] [hours at 1x, default 24]
#   bench/logpurge.sh 50     # quicker: 50 MB vs 200 MB of uncompressed logs
# Last line: "logpurge ratio <time at 4x / time at 1x>" (near 1.0 = cost follows the range, not the volume).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cd "$root"

./mvnw -B -q -pl engine compile
classpath=$(mktemp)
work=$(mktemp -d "${TMPDIR:-/tmp}/logpurge.XXXXXX")
trap 'rm -rf "$work" "$classpath"' EXIT
./mvnw -B -q -pl engine dependency:build-classpath -Dmdep.outputFile="$classpath" -Dmdep.includeScope=runtime

"$JAVA_HOME/bin/java" -Xmx512m -cp "engine/target/classes:$(cat "$classpath")" \
  bench/LogPurgeBench.java "$work" "${1:-200}" "${2:-24}"

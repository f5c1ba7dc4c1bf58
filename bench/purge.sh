#!/usr/bin/env bash
# Attribute purge benchmark: Lethe's subject purge of N instances vs a raw driver updateMany of the
# same attributes on the same data, embedded database, side by side in one process.
# Usage: bench/purge.sh [instances, default 100000]. Last line: "purge ratio <lethe / raw>" (target <= 1.5).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export JAVA_HOME=${LETHE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cd "$root"
./mvnw -B -q -pl engine -am install -DskipTests >/dev/null
classpath=$(mktemp)
work=$(mktemp -d "${TMPDIR:-/tmp}/purgebench.XXXXXX")
trap 'rm -rf "$work" "$classpath"' EXIT
./mvnw -B -q -pl engine dependency:build-classpath -Dmdep.outputFile="$classpath" -Dmdep.includeScope=runtime
"$JAVA_HOME/bin/java" -Xmx2g -Dlogback.configurationFile=bench/logback-bench.xml -cp "engine/target/classes:$(cat "$classpath")" \
  bench/PurgeBench.java "$work" "${1:-100000}" 2>&1 | grep -v "^WARNING"

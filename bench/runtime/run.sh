#!/usr/bin/env bash
# Workload runner benchmark: builds sluice-local (with its test classes, for the in-memory cluster)
# and runs bench/runtime/RuntimeBench.java with JDK 25 and a 1 GiB heap cap.
#   bench/runtime/run.sh [workloads] [replicas] [steadySeconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -o -pl sluice-local -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java_home=${SLUICE_JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
cp="sluice-local/target/classes:sluice-local/target/test-classes"
for m in sluice-api sluice-testkit sluice-cluster sluice-gitops sluice-delivery; do
  cp="$cp:$m/target/classes"
done
cp="$cp:$(cat "$cp_file")"
exec "$java_home/bin/java" -Xmx1g -XX:+UseParallelGC -cp "$cp" bench/runtime/RuntimeBench.java "$@"

#!/usr/bin/env bash
# Receivers and notifications benchmark: builds sluice-gitops and runs bench/notify/NotifyBench.java
# with JDK 25 and a 512 MiB heap cap.
#   bench/notify/run.sh [commits] [events]
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -o -pl sluice-gitops -am compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java_home=${SLUICE_JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
cp="sluice-gitops/target/classes:sluice-cluster/target/classes:sluice-api/target/classes:sluice-testkit/target/classes"
cp="$cp:$(cat "$cp_file")"
exec "$java_home/bin/java" -Xmx512m -cp "$cp" bench/notify/NotifyBench.java "$@"

#!/usr/bin/env bash
# Canary reconciler benchmark: builds sluice-delivery and runs bench/canary/CanaryBench.java with
# JDK 25 and a 1 GiB heap cap.
#   bench/canary/run.sh [canaries]
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -pl sluice-delivery -am compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java_home=${SLUICE_JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
cp="sluice-delivery/target/classes:sluice-cluster/target/classes:sluice-api/target/classes:sluice-testkit/target/classes:$(cat "$cp_file")"
exec "$java_home/bin/java" -Xmx1g -cp "$cp" bench/canary/CanaryBench.java "$@"

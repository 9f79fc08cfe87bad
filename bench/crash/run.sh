#!/usr/bin/env bash
# Crash-recovery harness at any size (issue 10): embedded mode in a child JVM, SIGKILLed and restarted
# on the same state directory while canaries roll out; prints the figures and PASS or FAIL.
#   bench/crash/run.sh [canaries=200] [kills=200] [releases=3] [seed=1] [workdir=target/crash-bench]
# The work directory keeps the Git repository, the state directory and every incarnation's log.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -pl sluice-server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java_home=${SLUICE_JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
cp="sluice-server/target/test-classes:sluice-server/target/classes:$(cat "$cp_file")"
work=${5:-target/crash-bench}
rm -rf "$work"
exec nice "$java_home/bin/java" -Xmx512m -cp "$cp" dev.sluice.server.crash.CrashBench \
    "${1:-200}" "${2:-200}" "${3:-3}" "${4:-1}" "$work"

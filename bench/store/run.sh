#!/bin/sh
# Embedded store benchmark: 100,000 objects written, the process restarted, all read back.
# Usage (from anywhere): bench/store/run.sh [--objects N] [--threads T] [--serial N] [--dir DIR]
set -e
cd "$(dirname "$0")/../.."
mvn -q -pl sluice-cluster -am package -DskipTests
mvn -q -pl sluice-cluster dependency:build-classpath -Dmdep.outputFile="$PWD/sluice-cluster/target/store-bench.classpath"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[ -x "$JAVA" ] || JAVA=java
CP="sluice-cluster/target/classes:sluice-api/target/classes:$(cat sluice-cluster/target/store-bench.classpath)"
exec "$JAVA" -Xmx2g -Dstore.bench.source="$PWD/bench/store/StoreBench.java" -cp "$CP" bench/store/StoreBench.java "$@"

#!/bin/sh
# Embedded store benchmark: 100,000 objects written, the process restarted, all read back.
# Usage (from anywhere): bench/store/run.sh [--objects N] [--threads T] [--serial N] [--dir DIR]
set -e
cd "$(dirname "$0")/../.."
mvn -q -pl sluice-cluster -am package -DskipTests
mvn -q -pl sluice-cluster dependency:build-classpath -Dmdep.outputFile="$PWD/sluice-cluster/target/store-bench.classpath"
JDK="${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JDK/bin/java" ] || JDK="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
CP="sluice-cluster/target/classes:sluice-api/target/classes:$(cat sluice-cluster/target/store-bench.classpath)"
OUT=sluice-cluster/target/store-bench-classes
# Compiled ahead, so that the restarted JVM measures the store, not the compiler of a source launch.
"$JDK/bin/javac" -d "$OUT" -cp "$CP" bench/store/StoreBench.java
exec "$JDK/bin/java" -Xmx2g -cp "$OUT:$CP" StoreBench "$@"

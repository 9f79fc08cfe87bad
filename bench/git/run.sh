#!/usr/bin/env bash
# Git source benchmark: a GitRepository of N files (default 2000) over the in-process smart-HTTP
# server and file://, against the git command line as the peer. Prints medians (ms).
# usage: bench/git/run.sh [FILES] [RUNS]
set -eu
cd "$(dirname "$0")/../.."
# One reactor build (-am): sibling modules come from their target/classes, never from ~/.m2.
mvn -q -pl sluice-gitops -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java_bin=$(ls -d /usr/lib/jvm/temurin-2*/bin/java 2>/dev/null | tail -1 || true)
"${java_bin:-java}" -cp "sluice-gitops/target/test-classes:sluice-gitops/target/classes:$(cat sluice-gitops/target/bench-classpath.txt)" \
  dev.sluice.gitops.source.GitSourceBench "${1:-2000}" "${2:-7}"

#!/usr/bin/env bash
# Drift analysis and write-back benchmark: a GitOps repository with APPS other apps beside Faces,
# LATER unrelated commits after the offending one. Prints medians (ms) with git and kubectl
# kustomize as peers.
# usage: bench/drift/run.sh [APPS] [LATER] [RUNS]
set -eu
cd "$(dirname "$0")/../.."
# One reactor build (-am): sibling modules come from their target/classes, never from ~/.m2.
mvn -q -pl sluice-gitops -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java_bin=$(ls -d /usr/lib/jvm/temurin-2*/bin/java 2>/dev/null | tail -1 || true)
"${java_bin:-java}" -cp "sluice-gitops/target/test-classes:sluice-gitops/target/classes:$(cat sluice-gitops/target/bench-classpath.txt)" \
  dev.sluice.gitops.drift.DriftBench "${1:-300}" "${2:-20}" "${3:-7}"

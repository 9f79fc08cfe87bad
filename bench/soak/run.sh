#!/usr/bin/env bash
# Embedded-mode scale benchmarks (bench/soak/SoakBench.java), through the real EmbeddedRuntime:
#   bench/soak/run.sh kustomizations [N=1000] [COMMITS=10]      issue 3: N Kustomizations to Ready (-Xmx256m)
#   bench/soak/run.sh soak [N=1000] [CANARIES=1000] [MINUTES=10] [COMMIT_SECONDS=60] [ROLLOUTS_PER_COMMIT=20]
#                                                                 the soak (-Xmx1g)
# JAVA_OPTS overrides the heap flags. The runtime logs as `sluice up` does (events at INFO); figures are the
# lines starting with "soak:". Run it with nice on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=${1:-kustomizations}; shift || true
cp_file=$(mktemp)
home=$(mktemp -d)   # SLUICE_HOME: the runtime saves its API context there, not in ~/.sluice
trap 'rm -rf "$cp_file" "$home"' EXIT
mvn -q -o -pl sluice-server -am compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java_home=${SLUICE_JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
cp="sluice-server/target/classes"
for m in sluice-api sluice-cluster sluice-gitops sluice-delivery sluice-local sluice-helm sluice-kubernetes sluice-testkit; do
  cp="$cp:$m/target/classes"
done
cp="$cp:$(cat "$cp_file")"
case "$MODE" in
  kustomizations) opts=${JAVA_OPTS:--Xmx256m}; set -- kustomizations "${1:-1000}" "${2:-10}" ;;
  soak) opts=${JAVA_OPTS:--Xmx1g}; set -- soak "${1:-1000}" "${2:-1000}" "${3:-10}" "${4:-60}" "${5:-20}" ;;
  *) echo "usage: $0 kustomizations|soak ..." >&2; exit 2 ;;
esac
echo "java $opts SoakBench $*"
SLUICE_HOME="$home" "$java_home/bin/java" $opts \
    -cp "$cp" bench/soak/SoakBench.java "$@"

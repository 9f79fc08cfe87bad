#!/usr/bin/env bash
# Benchmark: real `kubectl kustomize` against Sluice's kustomize engine on generated trees of
# N apps (Deployment + Service + ConfigMap generator each, one overlay with namespace, prefix,
# labels with selectors, an image override and a patch on every Deployment).
#
# usage: bench/kustomize/run.sh            (SIZES="200 500 1000" KUBECTL_RUNS=3 WARM_RUNS=10)
# Prints one table; every row also checks that both outputs are byte-for-byte equal.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
SIZES=${SIZES:-"200 500 1000"}
KUBECTL_RUNS=${KUBECTL_RUNS:-3}
WARM_RUNS=${WARM_RUNS:-10}
work=${TMPDIR:-/tmp}/sluice-kustomize-bench
mkdir -p "$work"

java_bin=java
for j in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/*-2[1-9]*/bin/java; do
  [ -x "$j" ] && { java_bin=$j; break; }
done
javac_bin=$(dirname "$java_bin")/javac

echo "building sluice-gitops..." >&2
(cd "$repo" && mvn -q -pl sluice-gitops -am package -DskipTests -Dmaven.javadoc.skip=true >&2 \
  && mvn -q -pl sluice-gitops dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >&2)
cp="$(cat "$work/cp.txt"):$repo/sluice-gitops/target/classes:$repo/sluice-api/target/classes:$work/classes"
mkdir -p "$work/classes"
"$javac_bin" -d "$work/classes" -cp "$cp" "$here/KustomizeBench.java"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-6s %-9s %14s %14s %14s %16s %10s %s\n' apps objects "kubectl (s)" "sluice cold (s)" "first build (ms)" "warm median (ms)" "speedup" equal
for n in $SIZES; do
  tree="$work/tree-$n"
  "$here/gen-big-kustomize.sh" "$tree" "$n"
  times=()
  for _ in $(seq 1 "$KUBECTL_RUNS"); do
    t0=$(now_ms); kubectl kustomize "$tree/overlay" > "$work/kubectl-$n.yaml"; t1=$(now_ms)
    times+=($((t1 - t0)))
  done
  k_ms=$(printf '%s\n' "${times[@]}" | median)
  # Cold, as a CLI would run it: a fresh JVM, one build, output written.
  t0=$(now_ms)
  "$java_bin" -cp "$cp" KustomizeBench "$tree/overlay" "$tree" "$work/sluice-$n.yaml" 0 > /dev/null
  t1=$(now_ms)
  cold_ms=$((t1 - t0))
  # Warm: one JVM, WARM_RUNS builds after the first.
  line=$("$java_bin" -cp "$cp" KustomizeBench "$tree/overlay" "$tree" "$work/sluice-$n.yaml" "$WARM_RUNS")
  first=$(sed -E 's/.*first=([0-9]+).*/\1/' <<<"$line")
  warm=$(sed -E 's/.*median=([0-9]+).*/\1/' <<<"$line")
  objects=$(grep -c '^kind:' "$work/kubectl-$n.yaml")
  if cmp -s "$work/kubectl-$n.yaml" "$work/sluice-$n.yaml"; then equal=yes; else equal=NO; fi
  speedup=$(awk -v k="$k_ms" -v w="$warm" 'BEGIN { printf "%.0fx", (w > 0 ? k / w : 0) }')
  printf '%-6s %-9s %14.2f %14.2f %14s %16s %10s %s\n' "$n" "$objects" "$(awk -v x="$k_ms" 'BEGIN{print x/1000}')" \
    "$(awk -v x="$cold_ms" 'BEGIN{print x/1000}')" "$first" "$warm" "$speedup" "$equal"
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); kubectl $(kubectl version --client 2>/dev/null | grep -i kustomize)" >&2

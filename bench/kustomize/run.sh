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
# Runs a command, prints "wall_ms cpu_ms" (cpu = user + sys, less sensitive to other load).
timed() {
  local f; f=$(mktemp)
  /usr/bin/time -f '%e %U %S' -o "$f" "$@" > /dev/null
  tail -1 "$f" | awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}'; rm -f "$f"
}
# A CLI-like JVM: C1 only, which suits short runs (halves the CPU time of a cold build).
CLI_FLAGS=${CLI_FLAGS:-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}

printf '%-5s %-7s | %-9s %-9s | %-9s %-9s | %-11s %-11s | %-8s %-8s %s\n' apps objects \
  "kubectl" "(cpu)" "cold cli" "(cpu)" "warm med" "(cpu)" "x cold" "x warm" equal
for n in $SIZES; do
  tree="$work/tree-$n"
  "$here/gen-big-kustomize.sh" "$tree" "$n"
  walls=(); cpus=()
  for _ in $(seq 1 "$KUBECTL_RUNS"); do
    read -r w c < <(timed bash -c 'kubectl kustomize "$1" > "$2"' _ "$tree/overlay" "$work/kubectl-$n.yaml")
    walls+=("$w"); cpus+=("$c")
  done
  k_wall=$(printf '%s\n' "${walls[@]}" | median); k_cpu=$(printf '%s\n' "${cpus[@]}" | median)
  # Cold, as a CLI would run it: a fresh JVM, one build, output written.
  read -r c_wall c_cpu < <(timed "$java_bin" $CLI_FLAGS -cp "$cp" KustomizeBench "$tree/overlay" "$tree" "$work/sluice-$n.yaml" 0)
  # Warm: one JVM, WARM_RUNS builds after the first.
  line=$("$java_bin" -cp "$cp" KustomizeBench "$tree/overlay" "$tree" "$work/sluice-$n.yaml" "$WARM_RUNS")
  warm=$(sed -E 's/.*median=([0-9]+).*/\1/' <<<"$line")
  wmin=$(sed -E 's/.*min=([0-9]+).*/\1/' <<<"$line")
  wcpu=$(sed -E 's/.*cpu=([0-9]+).*/\1/' <<<"$line")
  objects=$(grep -c '^kind:' "$work/kubectl-$n.yaml")
  if cmp -s "$work/kubectl-$n.yaml" "$work/sluice-$n.yaml"; then equal=yes; else equal=NO; fi
  s() { awk -v x="$1" 'BEGIN { printf "%.2f s", x / 1000 }'; }
  r() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }'; }
  printf '%-5s %-7s | %-9s %-9s | %-9s %-9s | %-11s %-11s | %-8s %-8s %s\n' "$n" "$objects" \
    "$(s "$k_wall")" "$(s "$k_cpu")" "$(s "$c_wall")" "$(s "$c_cpu")" "${warm} ms" "${wcpu} ms" \
    "$(r "$k_wall" "$c_wall")" "$(r "$k_wall" "$warm")" "$equal"
done
echo "columns: wall-clock medians of $KUBECTL_RUNS kubectl runs, one cold Sluice CLI-like run ($CLI_FLAGS), and $WARM_RUNS warm builds in one JVM; (cpu) = user+sys" >&2
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); kubectl $(kubectl version --client 2>/dev/null | grep -i kustomize)" >&2

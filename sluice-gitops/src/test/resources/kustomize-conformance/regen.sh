#!/usr/bin/env bash
# Regenerates expected.yaml (and expected-warnings.txt) of every success case from the oracle,
# `kubectl kustomize` (kustomize v5.5). Error cases (with expected-error.txt) are only checked to
# fail. usage: regen.sh [case...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(*/)
rc=0
for c in "${cases[@]}"; do
  c=${c%/}
  [ -d "$c/input" ] || continue
  dir="$c/input"
  [ -f "$c/build-dir.txt" ] && dir="$c/input/$(tr -d '\n' < "$c/build-dir.txt")"
  if [ -f "$c/expected-error.txt" ]; then
    if kubectl kustomize "$dir" >/dev/null 2>&1; then echo "UNEXPECTED SUCCESS $c"; rc=1; else echo "error ok  $c"; fi
    continue
  fi
  if kubectl kustomize "$dir" > "$c/expected.yaml" 2> "$c/warnings.tmp"; then
    if [ -s "$c/warnings.tmp" ]; then mv "$c/warnings.tmp" "$c/expected-warnings.txt"; else rm -f "$c/warnings.tmp" "$c/expected-warnings.txt"; fi
    echo "regen     $c"
  else
    echo "FAILED    $c: $(head -c 300 "$c/warnings.tmp")"; rm -f "$c/warnings.tmp" "$c/expected.yaml"; rc=1
  fi
done
exit $rc

#!/usr/bin/env bash
# Mesh load test with route swaps: the Sluice proxy at a fixed request rate while the split's weights
# change every SWAP_MS (100/0 -> 0/100 -> 50/50 -> ...) between two nginx backends that answer
# different bodies. wrk is paced to RATE requests/s by bench/mesh/pace.lua (a schedule per wrk thread);
# every non-2xx answer, socket error (connect, read, write, timeout) and unknown body is a failure.
# Needs: nginx, wrk (Debian: apt-get install -y nginx wrk); builds sluice-local itself.
# Usage: bench/mesh/swap.sh [RATE=10000] [SECONDS=60] [SWAP_MS=100] [CONNECTIONS=50]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-10000}; DUR=${2:-60}; SWAP_MS=${3:-100}; CONNS=${4:-50}
WORK=$(mktemp -d /tmp/sluice-mesh-swap.XXXXXX)
PRIMARY_PORT=18090; CANARY_PORT=18091; SLUICE_PORT=18092
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-2*/bin/java 2>/dev/null | tail -1)}; JAVA=${JAVA:-java}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "needs nginx and wrk: apt-get install -y nginx wrk" >&2; exit 2; }

mvn -q -pl sluice-local -am package -DskipTests
CP="sluice-local/target/classes:sluice-api/target/classes:$(mvn -q -pl sluice-local dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"

backend() { # name port body
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/$1/nginx.pid;
error_log $WORK/$1/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/$1; proxy_temp_path $WORK/$1; fastcgi_temp_path $WORK/$1;
  uwsgi_temp_path $WORK/$1; scgi_temp_path $WORK/$1;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$2; location / { default_type text/plain; return 200 "$3\n"; } }
}
CONF
  nginx -c "$WORK/$1/nginx.conf" -g 'daemon off;' & PIDS+=($!)
}
backend primary $PRIMARY_PORT primary
backend canary $CANARY_PORT canary

"$JAVA" -Xms256m -Xmx256m -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled -cp "$CP" bench/mesh/MeshBench.java $SLUICE_PORT $PRIMARY_PORT 2 "$SWAP_MS" $CANARY_PORT \
    > "$WORK/sluice.log" 2>&1 & SLUICE_PID=$!; PIDS+=($SLUICE_PID)
for _ in $(seq 100); do grep -q '^ready' "$WORK/sluice.log" && break; sleep 0.2; done
grep '^ready' "$WORK/sluice.log"
URL="http://127.0.0.1:$SLUICE_PORT/"

echo "== warm-up: 10 s at $RATE rps (swaps already running)"
wrk -t2 -c"$CONNS" -d10s -H "Host: backend.bench" -s bench/mesh/pace.lua "$URL" -- "$RATE" 2 > "$WORK/warm.out" 2>&1
grep -E 'Requests/sec|Non-2xx|Socket errors|failures' "$WORK/warm.out" || true
echo "== measured: $DUR s at $RATE rps, weights swapped every $SWAP_MS ms, $CONNS connections"
wrk -t2 -c"$CONNS" -d"${DUR}s" --timeout 2s --latency -H "Host: backend.bench" -s bench/mesh/pace.lua "$URL" -- "$RATE" 2 \
    | tee "$WORK/wrk.out"
kill $SLUICE_PID; wait $SLUICE_PID 2>/dev/null || true
SWAPS=$(awk -F= '/^swaps=/ {print $2}' "$WORK/sluice.log")
RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
TOTAL=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
NON2XX=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.out")
SOCK=$(grep -o 'Socket errors.*' "$WORK/wrk.out" || echo "Socket errors: none")
BODIES=$(grep -o 'bodies: .*' "$WORK/wrk.out" || true)
echo "== result"
echo "requests=$TOTAL rps=$RPS non2xx=${NON2XX:-0} ${SOCK} $BODIES swaps_total_incl_warmup=${SWAPS:-?} (~$((DUR * 1000 / SWAP_MS)) in the measured window)"

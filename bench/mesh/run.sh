#!/usr/bin/env bash
# Mesh proxy benchmark: Sluice's proxy against nginx as a reverse proxy, same box, same run.
# Backend: nginx (1 worker) answering a 12-byte body. Load: wrk. All on loopback, keep-alive on both legs.
# Needs: nginx, wrk (Debian: apt-get install -y nginx wrk), a built sluice-local (the script builds it).
# Usage: bench/mesh/run.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
DUR=${1:-10}
WORK=$(mktemp -d /tmp/sluice-mesh-bench.XXXXXX)
BACKEND_PORT=18080; NGINX_PROXY_PORT=18081; SLUICE_PORT=18082
THREADS=2   # proxy workers: nginx worker_processes and Sluice event loops alike
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-2*/bin/java 2>/dev/null | tail -1)}; JAVA=${JAVA:-java}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "needs nginx and wrk: apt-get install -y nginx wrk" >&2; exit 2; }

mvn -q -pl sluice-local -am package -DskipTests
CP="sluice-local/target/classes:sluice-api/target/classes:$(mvn -q -pl sluice-local dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"

nginx_conf() { # name port workers body
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1/nginx.conf" <<CONF
worker_processes $3;
pid $WORK/$1/nginx.pid;
error_log $WORK/$1/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/$1; proxy_temp_path $WORK/$1; fastcgi_temp_path $WORK/$1;
  uwsgi_temp_path $WORK/$1; scgi_temp_path $WORK/$1;
  keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 256; }
  server { listen 127.0.0.1:$2; $4 }
}
CONF
  nginx -c "$WORK/$1/nginx.conf" -g 'daemon off;' & PIDS+=($!)
}
nginx_conf backend $BACKEND_PORT 1 'location / { default_type text/plain; return 200 "hello world\n"; }'
nginx_conf proxy $NGINX_PROXY_PORT $THREADS 'location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header X-Forwarded-For $remote_addr; }'
NGINX_PROXY_MASTER=${PIDS[1]}

start_sluice() { # swapMs
  "$JAVA" -Xms256m -Xmx256m -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled ${MESH_JAVA_OPTS:-} -cp "$CP" bench/mesh/MeshBench.java $SLUICE_PORT $BACKEND_PORT $THREADS "$1" > "$WORK/sluice.log" 2>&1 & SLUICE_PID=$!; PIDS+=($SLUICE_PID)
  for _ in $(seq 100); do grep -q '^ready' "$WORK/sluice.log" && break; sleep 0.2; done
  grep '^ready' "$WORK/sluice.log"
}
sleep 1
ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t; }
nginx_pids() { echo "$NGINX_PROXY_MASTER $(pgrep -P "$NGINX_PROXY_MASTER" | tr '\n' ' ')"; }
HZ=$(getconf CLK_TCK)

# run label port conns threads seconds [extra wrk args] -> prints "rps p50 p99 errors"
run() {
  local host=$1 port=$2 c=$3 t=$4 d=$5; shift 5
  wrk -t"$t" -c"$c" -d"${d}s" --latency -H "Host: $host" "$@" "http://127.0.0.1:$port/" > "$WORK/wrk.out" 2>&1
  local rps p50 p99 non2xx sockerr
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/wrk.out"); p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk.out")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.out"); sockerr=$(grep -o 'Socket errors.*' "$WORK/wrk.out" || true)
  echo "$rps $p50 $p99 ${non2xx:-0} ${sockerr:-none}"
}
cpu_run() { # pids-var label port host c -> rps and CPU µs per request
  local pids=$1 host=$2 port=$3 c=$4
  local t0 t1 out
  t0=$(ticks $pids); out=$(run "$host" "$port" "$c" 2 "$DUR"); t1=$(ticks $pids)
  local rps; rps=$(echo "$out" | awk '{print $1}')
  awk -v a="$t0" -v b="$t1" -v hz="$HZ" -v r="$rps" -v d="$DUR" -v o="$out" 'BEGIN { printf "%s cpu_us_per_req=%.1f\n", o, (b-a)/hz*1e6/(r*d) }'
}

echo "== start Sluice proxy (fixed 90/10 split)"; start_sluice 0
echo "== warm-up Sluice (JIT), 2 x $DUR s"; run backend.bench $SLUICE_PORT 50 2 "$DUR" >/dev/null; run backend.bench $SLUICE_PORT 50 2 "$DUR" >/dev/null
echo "== saturation, c=50 (rps p50 p99 non2xx socket-errors cpu)"
DIRECT=$(run x $BACKEND_PORT 50 2 "$DUR"); echo "direct:  $DIRECT"
NGINX=$(cpu_run "$(nginx_pids)" x $NGINX_PROXY_PORT 50); echo "nginx:   $NGINX"
SLUICE=$(cpu_run "$SLUICE_PID" backend.bench $SLUICE_PORT 50); echo "sluice:  $SLUICE"
echo "== low load, c=1 (p50 added over direct)"
D1=$(run x $BACKEND_PORT 1 1 "$DUR"); echo "direct:  $D1"
N1=$(run x $NGINX_PROXY_PORT 1 1 "$DUR"); echo "nginx:   $N1"
S1=$(run backend.bench $SLUICE_PORT 1 1 "$DUR"); echo "sluice:  $S1"
echo "== half of nginx's saturation rate, paced (bench/mesh/pace.lua: a fixed schedule per wrk thread, c=50)"
HALF=$(echo "$NGINX" | awk '{printf "%d", $1 / 2}')
paced() { # host port -> "rps p50 p99 non2xx socket-errors"
  wrk -t2 -c50 -d"${DUR}s" --latency -H "Host: $1" -s bench/mesh/pace.lua "http://127.0.0.1:$2/" -- "$HALF" 2 > "$WORK/wrk.out" 2>&1
  awk '/Requests\/sec/ {r=$2} $1=="50%" {p=$2} $1=="99%" {q=$2} /Non-2xx/ {n=$5} END {printf "%s %s %s %s\n", r, p, q, n+0}' "$WORK/wrk.out"
}
echo "rate: $HALF rps"
NH=$(paced x $NGINX_PROXY_PORT); echo "nginx:   $NH"
SH=$(paced backend.bench $SLUICE_PORT); echo "sluice:  $SH"
kill $SLUICE_PID; wait $SLUICE_PID 2>/dev/null || true
echo "== weights changing every 100 ms under load, c=50"
start_sluice 100
run backend.bench $SLUICE_PORT 50 2 3 >/dev/null
SW=$(run backend.bench $SLUICE_PORT 50 2 "$DUR"); echo "sluice:  $SW"
echo "== ratios"
awk -v s="$SLUICE" -v n="$NGINX" -v d="$DIRECT" -v s1="$S1" -v n1="$N1" -v d1="$D1" 'function us(x) { if (x ~ /us$/) return x+0; if (x ~ /ms$/) return x*1000; return x*1e6 }
BEGIN { split(s,S," "); split(n,N," "); split(d,D," "); split(s1,A," "); split(n1,B," "); split(d1,C," ");
  printf "throughput sluice/nginx = %.2f (sluice %.0f rps, nginx %.0f, direct %.0f)\n", S[1]/N[1], S[1], N[1], D[1];
  printf "added p50 at c=1: sluice %+.0f us, nginx %+.0f us over direct %s\n", us(A[2])-us(C[2]), us(B[2])-us(C[2]), C[2] }'

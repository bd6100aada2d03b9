#!/usr/bin/env bash
# Throughput, latency and CPU per request: backend direct, through the router's forward path
# (one thread), and through a bare undici-dispatch proxy for reference. CPU 0: the proxies (run
# one at a time). CPU 1: wrk and the backend. Same wrk settings for all.
# Usage: bench/forward/run.sh [rounds=3] [duration=10s] [connections=50]
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-3}
DURATION=${2:-10s}
CONNECTIONS=${3:-50}
NODE=../../node_modules/.bin/node
PROXY_PORT=${PROXY_PORT:-9100}
BACKEND_PORT=${BACKEND_PORT:-9101}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

taskset -c 1 "$NODE" backend.ts "$BACKEND_PORT" & pids+=($!)
BACKEND_PID=$!
taskset -c 0 "$NODE" proxy.ts "$PROXY_PORT" "$BACKEND_PORT" & pids+=($!)
PROXY_PID=$!
BARE_PORT=${BARE_PORT:-9102}
taskset -c 0 "$NODE" bare-proxy.ts "$BARE_PORT" "$BACKEND_PORT" & pids+=($!)
BARE_PID=$!
sleep 1.5

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime, in clock ticks
TICK_US=$((1000000 / $(getconf CLK_TCK)))

run() { # name port pid-whose-CPU-to-charge
  local before after out
  before=$(cpu_ticks "$3")
  out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Host: app.example' "http://127.0.0.1:$2/")
  after=$(cpu_ticks "$3")
  echo "$out" | awk -v name="$1" -v ticks=$((after - before)) -v tick_us="$TICK_US" '
    / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /Requests\/sec/ { rps = $2 }
    / requests in / { n = $1 } /Socket errors|Non-2xx/ { errs = errs " | " $0 }
    END { printf "%-7s req/s %9s  p50 %8s  p99 %8s  cpu/req %5.1f us%s\n", name, rps, p50, p99, ticks * tick_us / n, errs }'
}

# Warm up both paths (JIT, keep-alive pools), then alternate so load from others hits both alike.
taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d3s -H 'Host: app.example' "http://127.0.0.1:$BACKEND_PORT/" >/dev/null
taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d3s -H 'Host: app.example' "http://127.0.0.1:$PROXY_PORT/" >/dev/null
taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d3s -H 'Host: app.example' "http://127.0.0.1:$BARE_PORT/" >/dev/null
echo "cpu/req: CPU time of the backend (direct) or of the proxy process alone (proxy, bare)"
for i in $(seq "$ROUNDS"); do
  echo "round $i"
  [ -n "${SKIP_DIRECT:-}" ] || run direct "$BACKEND_PORT" "$BACKEND_PID"
  run proxy "$PROXY_PORT" "$PROXY_PID"
  run bare "$BARE_PORT" "$BARE_PID"
done

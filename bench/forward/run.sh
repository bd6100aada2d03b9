#!/usr/bin/env bash
# Throughput and latency: backend direct vs through the router's forward path (one thread).
# CPU 0: the proxy. CPU 1: wrk and the backend. Same wrk settings for both.
# Usage: bench/forward/run.sh [rounds=3] [duration=10s] [connections=50]
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-3}
DURATION=${2:-10s}
CONNECTIONS=${3:-50}
NODE=../../node_modules/.bin/node
PROXY_PORT=9100
BACKEND_PORT=9101
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

taskset -c 1 "$NODE" backend.ts "$BACKEND_PORT" & pids+=($!)
taskset -c 0 "$NODE" proxy.ts "$PROXY_PORT" "$BACKEND_PORT" & pids+=($!)
sleep 1.5

run() { # name port
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Host: app.example' "http://127.0.0.1:$2/" |
    awk -v name="$1" '
      / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /Requests\/sec/ { rps = $2 } /Socket errors|Non-2xx/ { errs = errs " " $0 }
      END { printf "%-8s req/s %10s  p50 %8s  p99 %8s %s\n", name, rps, p50, p99, errs }'
}

# Warm up both paths (JIT, keep-alive pools), then alternate so load from others hits both alike.
taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d3s -H 'Host: app.example' "http://127.0.0.1:$BACKEND_PORT/" >/dev/null
taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d3s -H 'Host: app.example' "http://127.0.0.1:$PROXY_PORT/" >/dev/null
for i in $(seq "$ROUNDS"); do
  echo "round $i"
  run direct "$BACKEND_PORT"
  run proxy "$PROXY_PORT"
done

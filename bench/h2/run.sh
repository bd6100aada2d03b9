#!/usr/bin/env bash
# HTTP/2 to clients: the engine's H2Server (node:http2 + the HTTP/1.1 Forwarder) vs nginx
# (`listen … ssl http2`, keep-alive upstream, the same X-Forwarded-* and request id), each alone
# on CPU 1, proxying GET / (12 bytes) to an nginx backend; h2load and the backend on CPU 0.
# CPU per request is the proxy's own CPU time (/proc) over the requests h2load completed: on a
# shared machine it is the figure to compare, not req/s. Needs nginx and h2load (bench/setup).
# Usage: bench/h2/run.sh [rounds=3] [requests=60000] [clients=8] [streams per client=16]
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-3}
REQUESTS=${2:-60000}
CLIENTS=${3:-8}
STREAMS=${4:-16}
NODE=../../node_modules/.bin/node
BACKEND_PORT=${BACKEND_PORT:-9201}
NGINX_PORT=${NGINX_PORT:-9202}
FRONT_PORT=${FRONT_PORT:-9203}
for tool in nginx h2load openssl; do command -v "$tool" >/dev/null || { echo "$tool is not installed (bash bench/setup)"; exit 1; }; done

dir=$(mktemp -d)
chmod 755 "$dir"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=bench.test \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
printf 'hello world\n' > "$dir/hello"
chmod 644 "$dir"/*
nginx_conf() { # name, server block
  mkdir -p "$dir/$1/tmp"
  cat > "$dir/$1/nginx.conf" <<CONF
worker_processes 1; daemon off; master_process on; pid $dir/$1/nginx.pid; error_log $dir/$1/error.log error;
events { worker_connections 8192; }
http { access_log off; keepalive_requests 1000000; default_type text/plain;
  client_body_temp_path $dir/$1/tmp/b; proxy_temp_path $dir/$1/tmp/p; fastcgi_temp_path $dir/$1/tmp/f;
  uwsgi_temp_path $dir/$1/tmp/u; scgi_temp_path $dir/$1/tmp/s;
  $2 }
CONF
}
nginx_conf backend "server { listen 127.0.0.1:$BACKEND_PORT; root $dir; location = / { try_files /hello =404; } }"
nginx_conf proxy "upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 128; keepalive_requests 1000000; }
  server { listen 127.0.0.1:$NGINX_PORT ssl http2; ssl_certificate $dir/cert.pem; ssl_certificate_key $dir/key.pem;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\";
      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$remote_addr; proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host; proxy_set_header X-Request-Id \$request_id; } }"

taskset -c 0 nginx -p "$dir/backend" -c "$dir/backend/nginx.conf" & pids+=($!)
taskset -c 1 nginx -p "$dir/proxy" -c "$dir/proxy/nginx.conf" & pids+=($!)
NGINX_MASTER=$!
taskset -c 1 "$NODE" --conditions=source front.ts "$FRONT_PORT" "$BACKEND_PORT" "$dir/cert.pem" "$dir/key.pem" & pids+=($!)
FRONT_PID=$!
sleep 2
NGINX_WORKER=$(pgrep -P "$NGINX_MASTER" | head -1)

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime, in clock ticks
TICK_US=$((1000000 / $(getconf CLK_TCK)))
echo "h2load -n $REQUESTS -c $CLIENTS -m $STREAMS on CPU 0 with the nginx backend; each proxy alone on CPU 1"
for round in $(seq "$ROUNDS"); do
  for entry in "nginx:$NGINX_PORT:$NGINX_WORKER" "switchyard H2Server:$FRONT_PORT:$FRONT_PID"; do
    IFS=: read -r name port pid <<< "$entry"
    h2load -n 2000 -c "$CLIENTS" -m "$STREAMS" "https://127.0.0.1:$port/" > /dev/null 2>&1 # warm-up
    before=$(cpu_ticks "$pid")
    out=$(taskset -c 0 h2load -n "$REQUESTS" -c "$CLIENTS" -m "$STREAMS" "https://127.0.0.1:$port/" 2>&1)
    after=$(cpu_ticks "$pid")
    rate=$(grep -oE '[0-9.]+ req/s' <<< "$out" | head -1)
    done_=$(grep -oE '[0-9]+ succeeded' <<< "$out" | grep -oE '[0-9]+')
    codes=$(grep -oE '[0-9]+ 2xx' <<< "$out")
    printf '  %-22s round %s: %12s  %s  cpu/req %s µs\n' "$name" "$round" "$rate" "$codes" \
      "$(( (after - before) * TICK_US / (done_ > 0 ? done_ : 1) ))"
  done
done

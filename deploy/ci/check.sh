#!/usr/bin/env bash
# CI checks of deploy/: renders the example inventory and checks what comes out with the tools
# that will read it (systemd-analyze verify, promtool), shellchecks the scripts, lints and
# type-checks the rehearsal. Needs a built CLI (npm run build). The dashboard's queries are checked
# against real /metrics by apps/cli/test/deploy-observability.test.ts (part of npm test).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

bash deploy/ci/install-tools.sh

node=$(npx node -p process.execPath)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "-- switchyard deploy render (example inventory)"
# --app/--node point ExecStart at this checkout, so systemd-analyze can check the command exists.
npx switchyard deploy render --inventory deploy/inventory.example.yaml --out "$out/bundles" --app "$repo" --node "$node"

echo "-- systemd-analyze verify (every unit of every host; templates also as an instance)"
verify_dir="$out/verify"
mkdir -p "$verify_dir"
report="$out/verify.log"
: >"$report"
while IFS= read -r -d '' unit; do
  name=$(basename "$unit")
  host=$(basename "$(dirname "$(dirname "$(dirname "$(dirname "$(dirname "$unit")")")")")")
  mkdir -p "$verify_dir/$host"
  case "$name" in
    *@.service) cp "$unit" "$verify_dir/$host/${name%@.service}@blue.service" ;;
  esac
  cp "$unit" "$verify_dir/$host/$name"
done < <(find "$out/bundles" -path '*/etc/systemd/system/*.service' -print0)
for unit in "$verify_dir"/*/*.service; do
  systemd-analyze verify --man=no "$unit" >>"$report" 2>&1 || echo "exit $? for $unit" >>"$report"
done
# systemd-analyze exits 0 on unknown keys and the like: any output is a failure.
if [ -s "$report" ]; then
  cat "$report"
  echo "systemd-analyze verify reported problems" >&2
  exit 1
fi
echo "ok: $(find "$verify_dir" -name '*.service' | wc -l) unit files"

echo "-- promtool check config (scrape config + the alert rules it loads)"
promtool check config "$out/bundles/observability/prometheus.yml"
promtool check rules deploy/observability/alerts.yml

echo "-- Grafana dashboard: valid JSON"
npx node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' deploy/observability/grafana-dashboard.json
npx node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' deploy/observability/grafana-access-logs.json

echo "-- deploy check rejects an inconsistent inventory"
if npx switchyard deploy check --inventory <(sed 's/roles: \[cache, certs\]/roles: [cahce, certs]/' deploy/inventory.example.yaml) 2>"$out/err"; then
  echo "an unknown role was accepted" >&2
  exit 1
fi
grep -q 'regions.oregon.hosts\[0\].roles: unknown role "cahce"' "$out/err"

echo "-- shellcheck"
shellcheck deploy/*.sh deploy/ci/*.sh

echo "-- rehearsal: biome + type check"
npx biome check deploy
npx tsc -p deploy/rehearsal/tsconfig.json

echo "deploy checks passed"

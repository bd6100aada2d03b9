#!/usr/bin/env bash
# Rolls the router on this host without refusing a connection.
#
# The router runs as switchyard-router@blue or switchyard-router@green. Both slots listen on the
# same HTTP port (reusePort) and differ only in their admin address (router-<slot>.env). A roll
# starts the idle slot beside the running one, waits until its /readyz answers 200 (synced with a
# cache, or warm from the shared state dir), and only then stops the old slot: SIGTERM makes it
# stop accepting and drain its requests in flight while the new slot already accepts.
#
# Usage: deploy/roll-router.sh [--config-dir /etc/switchyard] [--ready-timeout 120]
set -euo pipefail

config_dir=/etc/switchyard
ready_timeout=120
while [ "$#" -gt 0 ]; do
  case "$1" in
    --config-dir) config_dir=$2; shift 2 ;;
    --ready-timeout) ready_timeout=$2; shift 2 ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "roll-router: unknown option $1" >&2; exit 2 ;;
  esac
done

log() { printf 'roll-router: %s\n' "$*"; }

active=()
for slot in blue green; do
  if systemctl is-active --quiet "switchyard-router@$slot.service"; then active+=("$slot"); fi
done

if [ "${#active[@]}" -eq 0 ]; then
  log "no slot running: starting blue"
  systemctl enable --now switchyard-router@blue.service
  exit 0
fi
if [ "${#active[@]}" -eq 2 ]; then
  log "both slots are running (an interrupted roll?): stop the one you do not want, then roll again" >&2
  exit 1
fi

old=${active[0]}
if [ "$old" = blue ]; then new=green; else new=blue; fi
admin=$(sed -n 's/^SWITCHYARD_ROUTER_ADMIN="\(.*\)"$/\1/p' "$config_dir/router-$new.env")
if [ -z "$admin" ]; then
  log "no SWITCHYARD_ROUTER_ADMIN in $config_dir/router-$new.env" >&2
  exit 1
fi

log "starting $new beside $old"
systemctl start "switchyard-router@$new.service"
deadline=$((SECONDS + ready_timeout))
until curl -fsS -o /dev/null --max-time 2 "http://$admin/readyz"; do
  if ! systemctl is-active --quiet "switchyard-router@$new.service" || [ "$SECONDS" -ge "$deadline" ]; then
    log "$new did not become ready within ${ready_timeout}s: stopping it, $old keeps serving" >&2
    systemctl stop "switchyard-router@$new.service" || true
    journalctl -u "switchyard-router@$new.service" -n 30 --no-pager >&2 || true
    exit 1
  fi
  sleep 1
done

log "$new is ready ($admin): stopping $old (it drains)"
systemctl enable "switchyard-router@$new.service"
systemctl disable "switchyard-router@$old.service"
systemctl stop "switchyard-router@$old.service"
log "done: switchyard-router@$new serves"

#!/usr/bin/env bash
# Installs what bench/static/run.ts needs: nginx (the reference) and wrk (the load tool), from
# Debian's packages. Idempotent and quick when both are there; apt runs are serialised machine-wide.
set -euo pipefail
missing=()
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v taskset >/dev/null 2>&1 || missing+=(util-linux)
if ((${#missing[@]} == 0)); then exit 0; fi
sudo=''
[[ $(id -u) -eq 0 ]] || sudo='sudo'
exec 9>/tmp/apt.lock
flock 9
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${missing[@]}"

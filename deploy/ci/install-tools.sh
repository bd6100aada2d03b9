#!/usr/bin/env bash
# Installs the Debian packages the deploy checks need: systemd (systemd-analyze verify),
# prometheus (promtool) and shellcheck. Idempotent and quick when they are already there.
set -euo pipefail

missing=()
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "installing: ${missing[*]}"
(
  flock 9
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  # Only promtool is wanted from `prometheus`; where systemd is not PID 1 (containers, CI) its
  # post-install cannot start the server anyway.
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
) 9>/tmp/apt.lock

#!/usr/bin/env bash
# Builds an app release tarball from a git ref of this repository: every package's dist/ built,
# production dependencies only. deploy/install.sh --release installs it.
#
# Usage: deploy/make-release.sh [REF] [OUT_DIR]    → OUT_DIR/switchyard-<short sha>.tar.gz
#        (defaults: HEAD, build/releases). Needs npm and network access to the registry.
set -euo pipefail
ref=${1:-HEAD}
repo=$(git rev-parse --show-toplevel)
out=$(realpath -m "${2:-$repo/build/releases}")
sha=$(git -C "$repo" rev-parse --short "$ref")
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

git -C "$repo" archive "$ref" | tar -x -C "$stage"
(
  cd "$stage"
  npm ci --no-audit --no-fund
  NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build --outputStyle=static
  npm prune --omit=dev --no-audit --no-fund
  rm -rf .nx
)
mkdir -p "$out"
tar -czf "$out/switchyard-$sha.tar.gz" -C "$stage" .
echo "$out/switchyard-$sha.tar.gz"

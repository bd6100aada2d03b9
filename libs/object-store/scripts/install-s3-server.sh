#!/usr/bin/env bash
# Installs the S3-compatible server the object-store tests run against: Versity S3 Gateway (versitygw)
# with its posix backend, built with `go install` into <repo>/.tools/bin (git-ignored).
# Idempotent: returns at once when the pinned version is already there. Concurrent callers serialise.
# Why versitygw: it verifies SigV4 signatures (a fake that ignores auth would hide signing bugs), serves
# Range, ListObjectsV2 paging and DeleteObjects like S3, stores objects as plain files, Apache-2.0.
set -euo pipefail

VERSION=v1.8.0
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
bin="$repo/.tools/bin"
stamp="$bin/.versitygw-$VERSION"

if [[ -x "$bin/versitygw" && -f "$stamp" ]]; then exit 0; fi
mkdir -p "$bin"
exec 9>"$bin/.versitygw.lock"
flock 9
if [[ -x "$bin/versitygw" && -f "$stamp" ]]; then exit 0; fi

if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null 2>&1; then
  echo "install-s3-server: 'go' is not on PATH; it is needed to build versitygw $VERSION" >&2
  exit 1
fi
echo "install-s3-server: building versitygw $VERSION into $bin (first time only, a few minutes)" >&2
GOBIN="$bin" GOFLAGS=-mod=mod go install "github.com/versity/versitygw/cmd/versitygw@$VERSION"
rm -f "$bin"/.versitygw-v*
touch "$stamp"

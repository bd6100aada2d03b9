#!/usr/bin/env bash
# Installs Pebble (Let's Encrypt's test ACME server) and pebble-challtestsrv (its test DNS server) for the
# certificate manager's tests: `go install` into <repo>/.tools/bin (git-ignored), plus Pebble's test
# certificates for its own HTTPS listener into <repo>/.tools/pebble. Idempotent: returns at once when the
# pinned version is there. Concurrent callers serialise.
set -euo pipefail

VERSION=v2.10.3
MODULE=github.com/letsencrypt/pebble/v2
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
bin="$repo/.tools/bin"
share="$repo/.tools/pebble"
stamp="$bin/.pebble-$VERSION"

ready() { [[ -x "$bin/pebble" && -x "$bin/pebble-challtestsrv" && -f "$share/cert.pem" && -f "$stamp" ]]; }
if ready; then exit 0; fi
mkdir -p "$bin" "$share"
exec 9>"$bin/.pebble.lock"
flock 9
if ready; then exit 0; fi

if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null 2>&1; then
  echo "install-pebble: 'go' is not on PATH; it is needed to build pebble $VERSION" >&2
  exit 1
fi
echo "install-pebble: building pebble and pebble-challtestsrv $VERSION into $bin (first time only)" >&2
GOBIN="$bin" GOFLAGS=-mod=mod go install "$MODULE/cmd/pebble@$VERSION" "$MODULE/cmd/pebble-challtestsrv@$VERSION"
# The module's test certificates: Pebble's HTTPS listener (localhost/127.0.0.1) and the CA that signed it.
src="$(go env GOMODCACHE)/$MODULE@$VERSION/test/certs"
install -m 0644 "$src/localhost/cert.pem" "$share/cert.pem"
install -m 0600 "$src/localhost/key.pem" "$share/key.pem"
install -m 0644 "$src/pebble.minica.pem" "$share/minica.pem"
rm -f "$bin"/.pebble-v*
touch "$stamp"
echo "install-pebble: $("$bin/pebble" -version 2>&1 | head -1)" >&2

#!/usr/bin/env bash
# Installs (or updates) Switchyard on one Debian/Ubuntu VM from its rendered bundle. Idempotent:
# running it again with the same inputs changes nothing and restarts nothing.
#
# Usage (as root, on the VM):
#   deploy/install.sh --bundle DIR (--release TARBALL | --git URL --ref REF) [options]
#
#   --bundle DIR          this host's bundle: <out>/<host> from `switchyard deploy render`
#   --release TARBALL     an app release made by deploy/make-release.sh (built, production deps)
#   --git URL --ref REF   or: clone REF of the repository and build it here (needs the dev deps)
#   --prefix DIR          where the app and Node go (default /opt/switchyard; must match the
#                         inventory's install.prefix)
#   --node-version V      Node.js release to install (default 24.21.0; the app needs >= 22.12)
#   --node-tarball FILE   use this node-vV-linux-ARCH.tar.xz instead of downloading it from
#                         nodejs.org (hosts without Internet access; verify it yourself)
#   --restart             apply a new release or config now: restart caches and activators, roll
#                         the router (deploy/roll-router.sh); without it running units are left alone
#
# What it does: apt packages it needs (curl, xz-utils, ca-certificates), Node under <prefix>/node (checked against the release's SHASUMS256), the app under
# <prefix>/releases/<name> with <prefix>/app pointing at it, the bundle's files (units,
# EnvironmentFiles 0640 root:switchyard, sysctl, Vector config), the router's state dir,
# `sysctl --system`, and `systemctl enable --now` of the units in host.json.
set -euo pipefail

bundle=""
release=""
git_url=""
git_ref=""
prefix=/opt/switchyard
node_version=24.21.0
node_tarball=""
restart=false
while [ "$#" -gt 0 ]; do
  case "$1" in
    --bundle) bundle=$2; shift 2 ;;
    --release) release=$2; shift 2 ;;
    --git) git_url=$2; shift 2 ;;
    --ref) git_ref=$2; shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --node-version) node_version=$2; shift 2 ;;
    --node-tarball) node_tarball=$2; shift 2 ;;
    --restart) restart=true; shift ;;
    -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "install: unknown option $1" >&2; exit 2 ;;
  esac
done

log() { printf 'install: %s\n' "$*"; }
die() { printf 'install: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root"
[ -f "$bundle/host.json" ] || die "--bundle DIR must hold host.json (a host's directory from deploy render)"
if [ -n "$release" ] && [ -n "$git_url" ]; then die "give --release or --git, not both"; fi
if [ -z "$release" ] && [ -z "$git_url" ]; then die "give --release TARBALL or --git URL --ref REF"; fi
if [ -n "$git_url" ] && [ -z "$git_ref" ]; then die "--git needs --ref"; fi
command -v apt-get >/dev/null || die "this script is for Debian/Ubuntu (apt-get not found)"

changed=false

# --- packages -------------------------------------------------------------------------------
need=()
command -v curl >/dev/null || need+=(curl)
command -v xz >/dev/null || need+=(xz-utils)
[ -f /etc/ssl/certs/ca-certificates.crt ] || need+=(ca-certificates)
if [ -n "$git_url" ]; then command -v git >/dev/null || need+=(git); fi
if [ "${#need[@]}" -gt 0 ]; then
  log "apt: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# --- Node -----------------------------------------------------------------------------------
case "$(uname -m)" in
  x86_64) node_arch=x64 ;;
  aarch64) node_arch=arm64 ;;
  *) die "unsupported architecture $(uname -m)" ;;
esac
node_dir="$prefix/node-v$node_version"
if [ "$("$node_dir/bin/node" --version 2>/dev/null || true)" != "v$node_version" ]; then
  log "installing Node v$node_version"
  name="node-v$node_version-linux-$node_arch.tar.xz"
  if [ -n "$node_tarball" ]; then
    [ "$(basename "$node_tarball")" = "$name" ] || die "--node-tarball must be $name for --node-version $node_version"
    archive=$node_tarball
  else
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    curl -fsSL -o "$tmp/$name" "https://nodejs.org/dist/v$node_version/$name"
    curl -fsSL -o "$tmp/SHASUMS256.txt" "https://nodejs.org/dist/v$node_version/SHASUMS256.txt"
    (cd "$tmp" && grep " $name\$" SHASUMS256.txt | sha256sum -c --status) || die "checksum mismatch for $name"
    archive="$tmp/$name"
  fi
  rm -rf "$node_dir" && mkdir -p "$node_dir"
  tar -xJf "$archive" -C "$node_dir" --strip-components=1
fi
if [ "$(readlink "$prefix/node" 2>/dev/null || true)" != "$node_dir" ]; then
  ln -sfn "$node_dir" "$prefix/node.new" && mv -T "$prefix/node.new" "$prefix/node"
  changed=true
fi
node="$prefix/node/bin/node"
npm=("$node" "$prefix/node/lib/node_modules/npm/bin/npm-cli.js")
# host.json, read with the Node just installed: manifest FIELD prints one value a line.
manifest() {
  "$node" -e 'const v = require(process.argv[1])[process.argv[2]]; if (v !== undefined) console.log([].concat(v).join("\n"))' \
    "$(realpath "$bundle/host.json")" "$1"
}

# --- user -----------------------------------------------------------------------------------
user=$(manifest user)
[ -n "$user" ] || die "no user in $bundle/host.json"
if ! id -u "$user" >/dev/null 2>&1; then
  log "creating system user $user"
  useradd --system --user-group --home-dir /var/lib/switchyard --no-create-home --shell /usr/sbin/nologin "$user"
fi

# --- the app: one directory per release, <prefix>/app points at the current one ---------------
if [ -n "$release" ]; then
  name=$(basename "$release" .tar.gz)
  target="$prefix/releases/$name"
  if [ ! -f "$target/.installed" ]; then
    log "unpacking release $name"
    rm -rf "$target" && mkdir -p "$target"
    tar -xzf "$release" -C "$target"
    touch "$target/.installed"
  fi
else
  target="$prefix/releases/git-$git_ref"
  if [ ! -f "$target/.installed" ]; then
    log "building $git_url @ $git_ref"
    rm -rf "$target"
    git clone --quiet "$git_url" "$target"
    git -C "$target" checkout --quiet "$git_ref"
    (cd "$target" && PATH="$prefix/node/bin:$PATH" "${npm[@]}" ci --no-audit --no-fund && PATH="$prefix/node/bin:$PATH" "${npm[@]}" run build)
    touch "$target/.installed"
  fi
fi
[ -f "$target/apps/cli/dist/main.js" ] || die "$target has no built CLI (apps/cli/dist/main.js)"
if [ "$(readlink "$prefix/app" 2>/dev/null || true)" != "$target" ]; then
  log "switching $prefix/app to $target"
  ln -sfn "$target" "$prefix/app.new" && mv -T "$prefix/app.new" "$prefix/app"
  changed=true
fi

# --- the bundle's files -----------------------------------------------------------------------
while IFS= read -r -d '' file; do
  dest="/${file#"$bundle/rootfs/"}"
  case "$dest" in
    */switchyard/*.env) mode=0640; group=$user ;;
    *) mode=0644; group=root ;;
  esac
  if ! cmp -s "$file" "$dest" || [ "$(stat -c '%a %G' "$dest")" != "${mode#0} $group" ]; then
    log "writing $dest"
    install -D -m "$mode" -o root -g "$group" "$file" "$dest"
    changed=true
  fi
done < <(find "$bundle/rootfs" -type f -print0 | sort -z)

state_dir=$(manifest routerStateDir)
if [ -n "$state_dir" ]; then install -d -m 0750 -o "$user" -g "$user" "$state_dir"; fi

sysctl --system >/dev/null

# --- units ----------------------------------------------------------------------------------
systemctl daemon-reload
mapfile -t units < <(manifest units)
was_running=false
for unit in "${units[@]}"; do
  case "$unit" in
    switchyard-router@*)
      # The router may run in either slot after a roll: leave whichever runs alone.
      if systemctl is-active --quiet switchyard-router@blue.service || systemctl is-active --quiet switchyard-router@green.service; then
        was_running=true
        if [ "$restart" = true ] && [ "$changed" = true ]; then "$(dirname "$0")/roll-router.sh"; fi
      else
        systemctl enable --now "$unit"
      fi
      ;;
    *)
      if systemctl is-active --quiet "$unit"; then
        was_running=true
        systemctl enable "$unit"
        if [ "$restart" = true ] && [ "$changed" = true ]; then systemctl restart "$unit"; fi
      else
        systemctl enable --now "$unit"
      fi
      ;;
  esac
done

if [ "$changed" = true ] && [ "$restart" = false ] && [ "$was_running" = true ]; then
  log "changes installed; running units keep the old ones until restarted (--restart, or deploy/roll-router.sh and systemctl restart switchyard-cache)"
fi
log "done: ${units[*]}"

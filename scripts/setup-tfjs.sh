#!/usr/bin/env bash
# `npm ci` with @tensorflow/tfjs-node's native backend working, also where its CDN is unreachable.
#
# tfjs-node's install script downloads libtensorflow and a prebuilt addon. When the cache below is
# cold and that CDN is reachable, plain `npm ci` does the normal install. Otherwise the script
# builds the libtensorflow archive from PyPI's tensorflow-cpu wheel (scripts/tfjs/
# build-libtensorflow.sh), serves the cache on a loopback mirror and points tfjs-node's own install
# script at it (TFJS_NODE_BASE_URI, npm_config_tfjs_binding_binary_host_mirror): the first run
# compiles the addon against that library and caches it, later runs download both from the mirror.
# Cache: ${MLOPS_CACHE:-~/.cache/mlops-stack}/tfjs-node-<ver>-tf<ver>-node<abi>/. Idempotent: a
# second run in the same clone with an unchanged lockfile and a loading addon does nothing.
# `--in-place` skips `npm ci` and only reruns tfjs-node's install script in the existing
# node_modules (after an `npm install` that skipped or dropped it).
set -euo pipefail
cd "$(dirname "$0")/.."
IN_PLACE=false
[ "${1:-}" = "--in-place" ] && IN_PLACE=true
# shellcheck source=toolchain/versions.env
source scripts/toolchain/versions.env # TENSORFLOW_VERSION, TFJS_NODE_VERSION
T0=$SECONDS
log() { printf '[tfjs %s +%ss] %s\n' "$(date +%H:%M:%S)" "$((SECONDS - T0))" "$*" >&2; }

declared="$(node -p "require('./package.json').optionalDependencies['@tensorflow/tfjs-node']")"
[ "$declared" = "$TFJS_NODE_VERSION" ] ||
  { log "package.json pins tfjs-node $declared but versions.env says $TFJS_NODE_VERSION"; exit 1; }
ABI="$(node -p process.versions.modules)"
NAPI="$(node -p 'Math.min(8, Number(process.versions.napi))')" # tfjs-node builds napi-v3…v8
MLOPS_CACHE="${MLOPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mlops-stack}"
CACHE="$MLOPS_CACHE/tfjs-node-$TFJS_NODE_VERSION-tf$TENSORFLOW_VERSION-node$ABI"
LIB_NAME="libtensorflow-cpu-linux-x86_64-$TENSORFLOW_VERSION.tar.gz"
ADDON_DIR="napi-v$NAPI/$TFJS_NODE_VERSION"
ADDON_NAME="CPU-linux-$TFJS_NODE_VERSION.tar.gz"
OFFICIAL_LIB="https://storage.googleapis.com/tensorflow/libtensorflow/$LIB_NAME"
STAMP=node_modules/.mlops-tfjs-node
lock_hash="$(sha256sum package-lock.json | cut -c1-64)"
# Node headers sit beside the running node (the project's Node.js from scripts/setup-node.sh, or
# the distribution's nodejs package under /usr); node-gyp would download them.
node_prefix="$(dirname "$(dirname "$(node -p process.execPath)")")"
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node_api.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi
export npm_config_update_notifier=false

tfjs_node_loads() {
  TF_CPP_MIN_LOG_LEVEL=2 node -e "require('@tensorflow/tfjs-node')" >/dev/null 2>&1
}
finish() {
  $IN_PLACE || printf '%s\n' "$lock_hash" >"$STAMP"
  log "tfjs-node native backend ready: $(TF_CPP_MIN_LOG_LEVEL=2 node -e \
    "const tf=require('@tensorflow/tfjs-node');console.log(tf.getBackend(),'TF',tf.version.tfjs)")"
  exit 0
}

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$lock_hash" ] && tfjs_node_loads; then
  log "node_modules matches package-lock.json and tfjs-node loads: nothing to do"
  exit 0
fi
if $IN_PLACE && tfjs_node_loads; then
  log "tfjs-node loads: nothing to do"
  exit 0
fi

# install: npm ci, or with --in-place only tfjs-node's install script (uses the mirror variables).
install() {
  if $IN_PLACE; then
    [ -d node_modules/@tensorflow/tfjs-node ] ||
      { log "--in-place: node_modules/@tensorflow/tfjs-node is missing (run without --in-place)"; exit 1; }
    npm rebuild @tensorflow/tfjs-node
  else
    npm ci --no-audit --no-fund
  fi
}

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  log "$(uname -s)-$(uname -m): tfjs-node's own install only (no wheel fallback here)"
  install
  if tfjs_node_loads; then finish; fi
  log "tfjs-node did not install: the services fall back to wasm/cpu"
  exit 0
fi

if [ ! -f "$CACHE/$LIB_NAME" ] && curl -fsI --max-time 5 "$OFFICIAL_LIB" >/dev/null 2>&1; then
  log "tfjs-node's CDN is reachable: normal install"
  install
  if tfjs_node_loads; then finish; fi
  log "the normal tfjs-node install did not produce a loading addon: using the wheel path"
fi

if [ ! -f "$CACHE/$LIB_NAME" ]; then
  log "cold cache: building $LIB_NAME from the tensorflow-cpu $TENSORFLOW_VERSION wheel"
  bash scripts/tfjs/build-libtensorflow.sh "$TENSORFLOW_VERSION" "$CACHE/$LIB_NAME" \
    "$MLOPS_CACHE/downloads"
fi
addon_cached=false
[ -f "$CACHE/$ADDON_DIR/$ADDON_NAME" ] && addon_cached=true

log "starting the loopback mirror for $CACHE"
port_file="$(mktemp)"
node scripts/tfjs/mirror.mjs "$CACHE" >"$port_file" 2>"$port_file.log" &
mirror_pid=$!
trap 'kill "$mirror_pid" 2>/dev/null || true; rm -f "$port_file" "$port_file.log"' EXIT
for _ in $(seq 300); do [ -s "$port_file" ] && break; sleep 0.1; done # up to 30 s on a busy machine
port="$(head -1 "$port_file")"
[ -n "$port" ] || { log "the mirror did not start"; cat "$port_file.log" >&2; exit 1; }

log "$($IN_PLACE && echo "tfjs-node's install script" || echo 'npm ci'): tfjs-node installs from the mirror (addon $($addon_cached && echo cached || echo 'compiled now, ~1 min'))"
t=$SECONDS
export TFJS_NODE_BASE_URI="http://127.0.0.1:$port/libtensorflow-"
export npm_config_tfjs_binding_binary_host_mirror="http://127.0.0.1:$port/"
install
log "install took $((SECONDS - t))s"

if ! tfjs_node_loads; then
  log "tfjs-node does not load after the install; mirror requests:"
  cat "$port_file.log" >&2
  node -e "require('@tensorflow/tfjs-node')" 2>&1 | tail -5 >&2 || true
  exit 1
fi
if ! $addon_cached; then
  addon="node_modules/@tensorflow/tfjs-node/lib/napi-v$NAPI/tfjs_binding.node"
  mkdir -p "$CACHE/$ADDON_DIR"
  # node-pre-gyp unpacks the archive into lib/napi-v<N>/ with the first path component stripped.
  tar -C "$(dirname "$(dirname "$addon")")" -czf "$CACHE/$ADDON_DIR/$ADDON_NAME.partial" \
    "napi-v$NAPI/tfjs_binding.node"
  mv "$CACHE/$ADDON_DIR/$ADDON_NAME.partial" "$CACHE/$ADDON_DIR/$ADDON_NAME"
  log "cached the compiled addon: $CACHE/$ADDON_DIR/$ADDON_NAME"
fi
finish

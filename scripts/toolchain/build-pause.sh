#!/usr/bin/env bash
# The pause program (every pod's sandbox process) from the Kubernetes module's own source
# (build/pause/linux/pause.c), linked statically: cache → gcc. cluster:up packs it as the
# sandbox image.
source "$(dirname "$0")/lib.sh"
have_cached pause "$KUBERNETES_VERSION" pause && { log "pause $KUBERNETES_VERSION ready"; exit 0; }
go_build_env
command -v gcc >/dev/null || die "pause needs gcc (build-essential)"
src="$(cd "$MLOPS_CACHE" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')/build/pause/linux/pause.c"
[ -f "$src" ] || die "no pause.c in k8s.io/kubernetes@$KUBERNETES_VERSION"
dir="$(tool_dir pause "$KUBERNETES_VERSION")"; mkdir -p "$dir/bin.tmp"
timed "pause build" gcc -Os -static -DVERSION="$KUBERNETES_VERSION" -o "$dir/bin.tmp/pause" "$src"
strip "$dir/bin.tmp/pause" 2>/dev/null || true
publish "$dir" pause

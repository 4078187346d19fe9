#!/usr/bin/env bash
# Builds or links the local toolchain: runs every scripts/toolchain/build-*.sh (MinIO, etcd, kwok,
# Kubernetes first, then the rest such as Pulumi), each of which prefers PATH → cache → Go build.
# Idempotent: a warm run only re-links cached binaries into .tools/bin. Usage:
#   scripts/toolchain.sh [step...]      e.g. scripts/toolchain.sh minio kwok
# Cache: $MLOPS_CACHE (default ~/.cache/mlops-stack). Exit status is non-zero if any step failed.
set -euo pipefail
dir="$(cd "$(dirname "$0")/toolchain" && pwd)"
# shellcheck source=toolchain/lib.sh
source "$dir/lib.sh"

first=(minio etcd kwok kubernetes)
steps=()
for s in "${first[@]}"; do [ -f "$dir/build-$s.sh" ] && steps+=("$s"); done
for f in "$dir"/build-*.sh; do
  s="$(basename "$f" .sh)"; s="${s#build-}"
  [[ " ${steps[*]} " == *" $s "* ]] || steps+=("$s")
done
if [ "$#" -gt 0 ]; then
  for s in "$@"; do [ -f "$dir/build-$s.sh" ] || die "unknown step '$s' (have: ${steps[*]})"; done
  steps=("$@")
fi

log "toolchain: ${#steps[@]} steps (${steps[*]}), cache $MLOPS_CACHE, links in $TOOLS_BIN"
t0=$SECONDS; failed=(); summary=()
for i in "${!steps[@]}"; do
  s="${steps[$i]}"; ts=$SECONDS
  log "[$((i + 1))/${#steps[@]}] $s"
  if bash "$dir/build-$s.sh"; then
    summary+=("$s: ok in $((SECONDS - ts))s")
  else
    failed+=("$s"); summary+=("$s: FAILED after $((SECONDS - ts))s")
  fi
done
log "summary:"; for line in "${summary[@]}"; do log "  $line"; done
log "total $((SECONDS - t0))s"
[ "${#failed[@]}" -eq 0 ] || die "failed steps: ${failed[*]}"

# Shared helpers for the toolchain scripts: cache layout, PATH preference, logging with timings.
# Sourced, not executed. Every tool lands in $MLOPS_CACHE/<tool>-<version>/bin and is linked into
# <repo>/.tools/bin, which the npm scripts put first on PATH.
set -euo pipefail
TOOLCHAIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$TOOLCHAIN_DIR/../.." && pwd)"
# shellcheck source=versions.env
source "$TOOLCHAIN_DIR/versions.env"
MLOPS_CACHE="${MLOPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mlops-stack}"
TOOLS_BIN="$REPO_ROOT/.tools/bin"
mkdir -p "$MLOPS_CACHE" "$TOOLS_BIN"

log() { printf '[toolchain %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# tool_dir NAME VERSION -> cache directory for one tool build
tool_dir() { printf '%s/%s-%s' "$MLOPS_CACHE" "$1" "$2"; }

# link_tool BIN_PATH: expose one binary in .tools/bin
link_tool() { ln -sf "$1" "$TOOLS_BIN/$(basename "$1")"; }

# have_cached NAME VERSION BIN...: true when every BIN exists in the cache dir (and links them)
have_cached() {
  local dir; dir="$(tool_dir "$1" "$2")/bin"; shift 2
  local b; for b in "$@"; do [ -x "$dir/$b" ] || return 1; done
  for b in "$@"; do link_tool "$dir/$b"; done
}

# Go builds run niced so the tests sharing the two cores stay responsive.
go_build_env() {
  export GOFLAGS="${GOFLAGS:-} -trimpath" CGO_ENABLED="${CGO_ENABLED:-0}"
  export GOMODCACHE="${GOMODCACHE:-$MLOPS_CACHE/go/mod}" GOCACHE="${GOCACHE:-$MLOPS_CACHE/go/build}"
}

# timed LABEL CMD...: runs CMD and logs how long it took
timed() {
  local label="$1"; shift; local t0=$SECONDS
  "$@"; log "$label done in $((SECONDS - t0))s"
}

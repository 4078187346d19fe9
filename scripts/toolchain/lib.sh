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
link_tool() { ln -sfn "$1" "$TOOLS_BIN/$(basename "$1")"; }

# have_cached NAME VERSION BIN...: true when every BIN exists in the cache dir (and links them)
have_cached() {
  local dir; dir="$(tool_dir "$1" "$2")/bin"; shift 2
  local b; for b in "$@"; do [ -x "$dir/$b" ] || return 1; done
  for b in "$@"; do link_tool "$dir/$b"; done
}

# have_on_path BIN VERSION [ARGS...]: true when BIN (outside .tools/bin) prints VERSION for
# `BIN ARGS` (default --version); links it. The leading "v" is optional in the output.
have_on_path() {
  local bin="$1" want="${2#v}"; shift 2
  [ "$#" -gt 0 ] || set -- --version
  local found
  found="$(PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$TOOLS_BIN" | paste -sd:)" \
    command -v "$bin" 2>/dev/null)" || return 1
  "$found" "$@" 2>&1 | grep -qF "$want" || return 1
  log "$bin: using $found (on PATH, version $want)"
  link_tool "$found"
}

# Go builds run niced so the tests sharing the two cores stay responsive. Checksums stay verified
# against sum.golang.org (reachable through the module proxy); GONOSUMDB is not touched.
go_build_env() {
  command -v go >/dev/null || die "go not found: install Go >= $GO_MIN_VERSION (apt-get install golang-go)"
  export GOFLAGS="${GOFLAGS:-} -trimpath" CGO_ENABLED="${CGO_ENABLED:-0}"
  export GOMODCACHE="${GOMODCACHE:-$MLOPS_CACHE/go/mod}" GOCACHE="${GOCACHE:-$MLOPS_CACHE/go/build}"
  export GOPROXY="${GOPROXY:-$(go env GOPROXY)}" GOSUMDB="${GOSUMDB:-$(go env GOSUMDB)}"
}

# timed LABEL CMD...: runs CMD and logs how long it took
timed() {
  local label="$1"; shift; local t0=$SECONDS
  "$@"; log "$label done in $((SECONDS - t0))s"
}

# measured LOG CMD...: runs CMD under /usr/bin/time -v (when present) and logs its peak memory;
# the full resource report is kept in LOG next to the build. CMD must be a program, not a function.
measured() {
  local out="$1"; shift
  if [ -x /usr/bin/time ]; then
    local rc=0; /usr/bin/time -v -o "$out" "$@" || rc=$?
    local kb; kb="$(awk -F': ' '/Maximum resident/ {print $2}' "$out" 2>/dev/null || true)"
    [ -n "$kb" ] && log "peak memory $((kb / 1024)) MiB (details: $out)"
    return "$rc"
  fi
  "$@"
}

# publish DIR BIN...: moves a finished build from DIR/bin.tmp to DIR/bin (so an interrupted build
# never looks cached) and links the binaries.
publish() {
  local dir="$1"; shift
  local b; for b in "$@"; do [ -x "$dir/bin.tmp/$b" ] || die "build produced no $b"; done
  rm -rf "$dir/bin"; mv "$dir/bin.tmp" "$dir/bin"
  for b in "$@"; do link_tool "$dir/bin/$b"; done
}

# no_download TOOL: the last resort on machines without internet; explains instead of failing
# obscurely. Official release downloads are not wired because every mirror here is offline.
no_download() {
  die "$1: not on PATH, not cached and the Go build failed; install $1 manually and put it on PATH"
}

# lock_tool NAME VERSION BIN...: serialises builds of one tool across concurrent toolchain runs
# (two clones sharing the cache). Returns 0 when another run finished the build meanwhile (the
# binaries are then linked), 1 when the caller should build; the lock lasts until the script exits.
lock_tool() {
  local dir; dir="$(tool_dir "$1" "$2")"; mkdir -p "$dir"
  exec 9>"$dir/.lock"
  if command -v flock >/dev/null && ! flock -n 9; then
    log "$1 $2: another toolchain run is building it; waiting"
    flock 9
  fi
  have_cached "$@"
}

# go_install_tool NAME VERSION "BIN..." [go install flags] PKG@VERSION...: the cache → `go install`
# path shared by tools whose commands `go install` builds directly (the caller checks PATH first).
# CGO stays off unless the caller exported CGO_ENABLED=1.
go_install_tool() {
  local name="$1" version="$2" bins; read -ra bins <<<"$3"; shift 3
  if have_cached "$name" "$version" "${bins[@]}" ||
    lock_tool "$name" "$version" "${bins[@]}"; then
    log "$name $version ready"; return 0
  fi
  local dir; dir="$(tool_dir "$name" "$version")"
  go_build_env
  log "building $name $version (${bins[*]}) from the Go module proxy"
  timed "$name build" measured "$dir/build.log" env GOBIN="$dir/bin.tmp" nice -n 10 \
    go install -ldflags "-s -w" "$@" || no_download "$name"
  publish "$dir" "${bins[@]}"
}

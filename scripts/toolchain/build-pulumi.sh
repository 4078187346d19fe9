#!/usr/bin/env bash
# Builds the Pulumi CLI and the Node.js language host from Go modules at the release matching the
# @pulumi/pulumi version in package.json, into $MLOPS_CACHE/pulumi-<version>/bin, and links both
# into .tools/bin. Order: right version on PATH -> cache -> build from the Go module proxy.
#
# pkg/v3 carries `replace` directives, so it cannot be `go install`ed: a throw-away wrapper module
# (generated in the cache, never committed) requires pkg/v3 and sdk/v3 and copies the replaces.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=pulumi/modules.sh
source "$TOOLCHAIN_DIR/pulumi/modules.sh"

VERSION="$PULUMI_VERSION"
npm_version="$(node -p "require('$REPO_ROOT/package.json').dependencies['@pulumi/pulumi']")"
[ "v$npm_version" = "$VERSION" ] ||
  die "PULUMI_VERSION=$VERSION in versions.env but package.json pins @pulumi/pulumi $npm_version"

VERSION_PKG=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version
DIR="$(tool_dir pulumi "$VERSION")"
BINS=(pulumi pulumi-language-nodejs)

# An installed CLI counts only with its language host beside it and the exact version.
on_path() {
  local cli; cli="$(command -v pulumi 2>/dev/null)" || return 1
  case "$cli" in "$TOOLS_BIN"/*) return 1 ;; esac
  [ -x "$(dirname "$cli")/pulumi-language-nodejs" ] || return 1
  [ "$("$cli" version 2>/dev/null)" = "$VERSION" ] || return 1
  link_tool "$cli"
  link_tool "$(dirname "$cli")/pulumi-language-nodejs"
}

# wrapper_module DIR MODULE REPLACE...: a minimal go.mod whose only job is to pin and replace
wrapper_module() {
  local dir="$1" module="$2"; shift 2
  rm -rf "$dir" && mkdir -p "$dir"
  { printf 'module %s\n\ngo 1.25\n\n' "$module"; printf 'replace %s\n' "$@"; } >"$dir/go.mod"
}

build_cli() {
  local src="$DIR/src/cli"
  wrapper_module "$src" mlops-stack.local/toolchain/pulumi \
    'github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e'
  fetch_verified github.com/pulumi/pulumi/pkg/v3 "$VERSION" >/dev/null
  (
    cd "$src"
    go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$VERSION" "github.com/pulumi/pulumi/sdk/v3@$VERSION"
    nice -n 10 go build -ldflags "-s -w -X $VERSION_PKG=$VERSION" -o "$DIR/bin/pulumi" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  )
}

build_language_host() {
  # shellcheck source=pulumi/language-host.sh
  source "$TOOLCHAIN_DIR/pulumi/language-host.sh"
  build_nodejs_language_host "$DIR"
}

if on_path; then log "pulumi $VERSION: using the one on PATH"; exit 0; fi
if have_cached pulumi "$VERSION" "${BINS[@]}"; then log "pulumi $VERSION: cached"; exit 0; fi
command -v go >/dev/null || die "go is required to build pulumi (GOPROXY must reach a module proxy)"
go_build_env
mkdir -p "$DIR/bin"
[ -x "$DIR/bin/pulumi" ] || timed "pulumi $VERSION (CLI)" build_cli
[ -x "$DIR/bin/pulumi-language-nodejs" ] || timed "pulumi-language-nodejs $VERSION" build_language_host
[ "$("$DIR/bin/pulumi" version)" = "$VERSION" ] || die "built pulumi reports $("$DIR/bin/pulumi" version)"
for b in "${BINS[@]}"; do link_tool "$DIR/bin/$b"; done
log "pulumi $VERSION ready in $DIR/bin"

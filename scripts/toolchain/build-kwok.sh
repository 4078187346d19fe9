#!/usr/bin/env bash
# kwok (fake nodes and pod lifecycle) and kwokctl (runs the local cluster's processes): PATH → cache
# → `go install` from the module proxy, stamped with the project and Kubernetes versions.
source "$(dirname "$0")/lib.sh"

if { have_on_path kwok "$KWOK_VERSION" && have_on_path kwokctl "$KWOK_VERSION"; } ||
  have_cached kwok "$KWOK_VERSION" kwok kwokctl; then
  log "kwok $KWOK_VERSION ready"; exit 0
fi
lock_tool kwok "$KWOK_VERSION" kwok kwokctl && { log "kwok $KWOK_VERSION ready"; exit 0; }
dir="$(tool_dir kwok "$KWOK_VERSION")"
go_build_env
log "building kwok + kwokctl $KWOK_VERSION from the Go module proxy"
consts=sigs.k8s.io/kwok/pkg/consts
ldflags="-s -w -X $consts.Version=${KWOK_VERSION#v} -X $consts.KubeVersion=${KUBERNETES_VERSION#v}"
mkdir -p "$dir"
timed "kwok build" measured "$dir/build.log" env GOBIN="$dir/bin.tmp" nice -n 10 go install \
  -ldflags "$ldflags" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" \
  "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION" || no_download kwok
publish "$dir" kwok kwokctl

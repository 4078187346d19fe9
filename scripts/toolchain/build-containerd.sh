#!/usr/bin/env bash
# containerd, its runc shim and ctr (the real node's container runtime): PATH → cache → build.
# No btrfs or devicemapper snapshotters (overlayfs is what the node uses).
source "$(dirname "$0")/lib.sh"
have_on_path containerd "$CONTAINERD_VERSION" && { log "containerd $CONTAINERD_VERSION ready"; exit 0; }
m=github.com/containerd/containerd/v2
go_install_tool containerd "$CONTAINERD_VERSION" "containerd containerd-shim-runc-v2 ctr" \
  -tags "no_btrfs no_devmapper" -ldflags "-s -w -X $m/version.Version=$CONTAINERD_VERSION" \
  "$m/cmd/containerd@$CONTAINERD_VERSION" "$m/cmd/containerd-shim-runc-v2@$CONTAINERD_VERSION" \
  "$m/cmd/ctr@$CONTAINERD_VERSION"

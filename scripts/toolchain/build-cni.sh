#!/usr/bin/env bash
# The CNI plugins the real node's network uses (bridge, loopback, host-local IPAM, portmap for
# hostPort): cache → build. Neither looked up on PATH nor linked there: containerd reads them
# from one directory, .tools/cni.
source "$(dirname "$0")/lib.sh"
m=github.com/containernetworking/plugins
go_install_tool cni-plugins "$CNI_PLUGINS_VERSION" "bridge loopback host-local portmap" \
  "$m/plugins/main/bridge@$CNI_PLUGINS_VERSION" "$m/plugins/main/loopback@$CNI_PLUGINS_VERSION" \
  "$m/plugins/ipam/host-local@$CNI_PLUGINS_VERSION" "$m/plugins/meta/portmap@$CNI_PLUGINS_VERSION"
# Not on PATH (`bridge` would shadow iproute2's command): the directory is linked as .tools/cni.
for b in bridge loopback host-local portmap; do rm -f "$TOOLS_BIN/$b"; done
ln -sfn "$(tool_dir cni-plugins "$CNI_PLUGINS_VERSION")/bin" "$REPO_ROOT/.tools/cni"

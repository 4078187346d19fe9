#!/usr/bin/env bash
# CoreDNS (cluster DNS for the real node's pods): PATH → cache → build with its default plugins.
source "$(dirname "$0")/lib.sh"
have_on_path coredns "${COREDNS_VERSION#v}" -version && { log "coredns $COREDNS_VERSION ready"; exit 0; }
go_install_tool coredns "$COREDNS_VERSION" coredns "github.com/coredns/coredns@$COREDNS_VERSION"

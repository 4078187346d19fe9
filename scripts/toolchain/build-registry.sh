#!/usr/bin/env bash
# The CNCF distribution registry (the local image registry on 127.0.0.1): PATH → cache → build.
source "$(dirname "$0")/lib.sh"
m=github.com/distribution/distribution/v3
go_install_tool registry "$DISTRIBUTION_VERSION" registry \
  -ldflags "-s -w -X $m/version.version=$DISTRIBUTION_VERSION" "$m/cmd/registry@$DISTRIBUTION_VERSION"

#!/usr/bin/env bash
# runc with seccomp (the real node's OCI runtime): PATH → cache → cgo `go install` against
# Debian's libseccomp-dev. Debian's runc 1.1 is older than containerd 2 expects, hence the build.
source "$(dirname "$0")/lib.sh"
have_on_path runc "${RUNC_VERSION#v}" && { log "runc $RUNC_VERSION ready"; exit 0; }
[ -f /usr/include/seccomp.h ] || die "runc needs libseccomp-dev (scripts/setup-apt.sh installs it)"
export CGO_ENABLED=1
go_install_tool runc "$RUNC_VERSION" runc -tags seccomp \
  -ldflags "-s -w -X main.version=${RUNC_VERSION#v}" "github.com/opencontainers/runc@$RUNC_VERSION"

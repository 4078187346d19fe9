#!/usr/bin/env bash
# Debian packages the tests and tools use. Idempotent: installs only what is missing, refreshes
# the package lists only when they are missing or older than a day (apt-get download needs them).
set -euo pipefail
# Add a package here when a test tier starts to need it.
# libseccomp-dev builds runc with seccomp; iptables and conntrack serve kube-proxy and the kubelet on
# the real node; socat lets pods reach the loopback-only API server; buildah builds images from
# Dockerfiles without a daemon.
PACKAGES=(prometheus prometheus-alertmanager chromium libseccomp-dev iptables conntrack buildah socat)
log() { printf '[setup-apt] %s\n' "$*"; }

if ! command -v apt-get >/dev/null 2>&1; then
  log "no apt-get on this machine: install the packages listed in scripts/setup-apt.sh yourself"
  exit 0
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
lists=/var/lib/apt/lists
if [ -z "$(find "$lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -1)" ]; then
  log "apt-get update"; $SUDO apt-get update -qq
fi
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "all packages present"
fi

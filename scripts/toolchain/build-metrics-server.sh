#!/usr/bin/env bash
# metrics-server (resource metrics for kubectl top and the HPA from the real node's kubelet):
# cache → build.
source "$(dirname "$0")/lib.sh"
go_install_tool metrics-server "$METRICS_SERVER_VERSION" metrics-server \
  "sigs.k8s.io/metrics-server/cmd/metrics-server@$METRICS_SERVER_VERSION"

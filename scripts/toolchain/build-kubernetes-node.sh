#!/usr/bin/env bash
# The real node's Kubernetes side, kubelet and kube-proxy (iptables mode), from the same prepared
# module and version as the control plane: PATH → cache → build (see kubernetes.sh). The pause
# image's program comes from the same module (build/pause/linux/pause.c, built statically).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/kubernetes.sh"
build_kubernetes kubernetes-node kubelet kube-proxy

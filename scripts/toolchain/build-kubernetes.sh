#!/usr/bin/env bash
# kube-apiserver, kube-controller-manager, kube-scheduler at one Kubernetes version: PATH → cache →
# build (see kubernetes.sh).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/kubernetes.sh"
build_kubernetes kubernetes kube-apiserver kube-controller-manager kube-scheduler

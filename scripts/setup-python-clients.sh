#!/usr/bin/env bash
# The protocol clients people call the service with, pinned, in a virtualenv outside the clone:
# Triton's client (Open Inference Protocol v2 over HTTP, with the binary tensor extension, and
# gRPC) and KServe's Python SDK (its v2 REST client). The protocol tests run them against the
# service. Prints the venv's python path.
set -euo pipefail
TRITONCLIENT=2.73.0
KSERVE=0.21.0
exec bash "$(dirname "$0")/setup-python-venv.sh" "py-clients-$TRITONCLIENT-$KSERVE" bin/python \
  "tritonclient[http,grpc]==$TRITONCLIENT" "kserve==$KSERVE"

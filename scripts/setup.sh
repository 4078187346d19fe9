#!/usr/bin/env bash
# One command for a fresh machine: system packages, the native TensorFlow library for tfjs-node,
# `npm ci`, and the local toolchain (Pulumi, Kubernetes, kwok, MinIO). Idempotent; heavy artefacts
# are cached outside the clone (~/.cache/mlops-stack) so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# The runtime first: every later step (npm ci, the tfjs-node addon, the toolchain's checks) runs
# on the Node.js that package.json's engines accept.
step "Node.js"; bash scripts/setup-node.sh
export PATH="$PWD/.tools/node/bin:$PATH"
if [ -f scripts/setup-apt.sh ]; then step "system packages"; bash scripts/setup-apt.sh; fi
if [ -f scripts/setup-python.sh ]; then step "python reference packages"; bash scripts/setup-python.sh; fi
# Python TensorFlow (SavedModel fixture, benchmark baseline) and schemathesis (API fuzzing):
# virtualenvs cached outside the clone.
if [ -f scripts/setup-python-tf.sh ]; then step "python tensorflow"; bash scripts/setup-python-tf.sh >/dev/null; fi
if [ -f scripts/setup-python-fuzz.sh ]; then step "schemathesis"; bash scripts/setup-python-fuzz.sh >/dev/null; fi
# The protocol clients (tritonclient, KServe's SDK) the protocol tests call the service with.
if [ -f scripts/setup-python-clients.sh ]; then step "protocol clients"; bash scripts/setup-python-clients.sh >/dev/null; fi
if [ -f scripts/setup-tfjs.sh ]; then
  step "npm ci with the native TensorFlow backend"; bash scripts/setup-tfjs.sh
else
  step "npm ci"; npm ci --no-audit --no-fund
fi
bash scripts/link-node.sh
if [ -f scripts/toolchain.sh ] && [ "${MLOPS_SKIP_TOOLCHAIN:-}" != "1" ]; then
  step "toolchain"; bash scripts/toolchain.sh
fi
if [ -f test/helpers/photos.ts ]; then
  step "test photos (Debian python3-skimage, cached)"; npx tsx test/helpers/photos.ts
fi
step "done"

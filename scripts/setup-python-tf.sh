#!/usr/bin/env bash
# Python TensorFlow for the benchmark baseline (bench/python) and the SavedModel test fixture,
# pinned, in a virtualenv outside the clone. Prints the interpreter's path.
set -euo pipefail
TF_VERSION=2.21.0
exec bash "$(dirname "$0")/setup-python-venv.sh" "py-tf-$TF_VERSION" bin/python \
  "tensorflow-cpu==$TF_VERSION" numpy==2.4.6 pillow==13.0.0

#!/usr/bin/env bash
# Python TensorFlow for the benchmark baseline (bench/python) and the SavedModel test fixture:
# a virtualenv outside the clone, pinned, reused when present. Prints the interpreter's path.
set -euo pipefail
TF_VERSION=2.21.0
CACHE="${MLOPS_CACHE_DIR:-$HOME/.cache/mlops-stack}"
VENV="$CACHE/py-tf-$TF_VERSION"
PACKAGES=("tensorflow-cpu==$TF_VERSION" numpy==2.4.6 pillow==13.0.0)
log() { printf '[setup-python-tf] %s\n' "$*" >&2; }
if [ -f "$VENV/.complete" ] && "$VENV/bin/python" -c 'import tensorflow, PIL' 2>/dev/null; then
  echo "$VENV/bin/python"; exit 0
fi
command -v python3 >/dev/null || { log "no python3 on PATH"; exit 1; }
log "creating $VENV (tensorflow-cpu $TF_VERSION, ~600 MB download)"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PACKAGES[@]}" >&2
touch "$VENV/.complete" # an interrupted install is redone, never half-used
echo "$VENV/bin/python"

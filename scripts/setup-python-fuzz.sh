#!/usr/bin/env bash
# schemathesis (property-based fuzzing from an OpenAPI document) for the reliability suite: a
# virtualenv outside the clone, pinned, reused when present. Prints the schemathesis path.
set -euo pipefail
VERSION=4.32.5
CACHE="${MLOPS_CACHE_DIR:-$HOME/.cache/mlops-stack}"
VENV="$CACHE/py-schemathesis-$VERSION"
log() { printf '[setup-python-fuzz] %s\n' "$*" >&2; }
if [ -f "$VENV/.complete" ] && [ -x "$VENV/bin/schemathesis" ]; then
  echo "$VENV/bin/schemathesis"; exit 0
fi
command -v python3 >/dev/null || { log "no python3 on PATH"; exit 1; }
log "creating $VENV (schemathesis $VERSION)"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$VERSION" >&2
touch "$VENV/.complete" # an interrupted install is redone, never half-used
echo "$VENV/bin/schemathesis"

#!/usr/bin/env bash
# A pinned Python virtualenv outside the clone, reused when complete; prints the path of the
# file asked for inside it. Used by setup-python-tf.sh and setup-python-fuzz.sh.
#   setup-python-venv.sh <name> <file printed, relative to the venv> <pip requirement>...
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $(basename "$0") <name> <file> <requirement>..." >&2; exit 2; }
name="$1" file="$2"; shift 2
CACHE="${MLOPS_CACHE_DIR:-$HOME/.cache/mlops-stack}"
VENV="$CACHE/$name"
log() { printf '[setup-python-venv] %s\n' "$*" >&2; }
if [ -f "$VENV/.complete" ] && [ -e "$VENV/$file" ]; then
  echo "$VENV/$file"; exit 0
fi
command -v python3 >/dev/null || { log "no python3 on PATH"; exit 1; }
log "creating $VENV ($*)"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$@" >&2
touch "$VENV/.complete" # an interrupted install is redone, never half-used
echo "$VENV/$file"

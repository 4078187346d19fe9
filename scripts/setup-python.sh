#!/usr/bin/env bash
# Python packages the tests use as reference implementations (pycocotools cross-checks the COCO
# evaluation). Pinned; installs only what is missing, for the python3 on PATH.
set -euo pipefail
PACKAGES=(numpy==2.4.6 pycocotools==2.0.11)
log() { printf '[setup-python] %s\n' "$*"; }
command -v python3 >/dev/null || { log "no python3: the pycocotools cross-check will be skipped"; exit 0; }
if python3 -c 'import numpy, pycocotools' 2>/dev/null; then log "all packages present"; exit 0; fi
log "pip install ${PACKAGES[*]}"
python3 -m pip install --quiet --disable-pip-version-check "${PACKAGES[@]}"

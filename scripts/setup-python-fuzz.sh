#!/usr/bin/env bash
# schemathesis (property-based fuzzing from an OpenAPI document) for the reliability suite,
# pinned, in a virtualenv outside the clone. Prints the schemathesis path.
set -euo pipefail
VERSION=4.32.5
exec bash "$(dirname "$0")/setup-python-venv.sh" "py-schemathesis-$VERSION" bin/schemathesis \
  "schemathesis==$VERSION"

#!/usr/bin/env bash
# Links the project's Node.js (.tools/node, from scripts/setup-node.sh) into node_modules/.bin
# and .tools/bin, the directories npm scripts, npx and scripts/pulumi.sh put first on PATH: so
# `npm test`, `npm start`, `npx mlops` and `npm run up` run on it even from a shell whose `node`
# is older. Run by setup and as package.json's postinstall (npm ci recreates node_modules/.bin).
# Does nothing before setup has provided a runtime.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
node="$REPO_ROOT/.tools/node/bin/node"
[ -x "$node" ] || exit 0
for bin in "$REPO_ROOT/node_modules/.bin" "$REPO_ROOT/.tools/bin"; do
  mkdir -p "$bin" && ln -sfn "$node" "$bin/node"
done

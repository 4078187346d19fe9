#!/usr/bin/env node
// The `mlops` command. Runs the compiled CLI when built (npm run build), else the TypeScript
// sources through tsx so a fresh clone works without a build step.
const path = require('node:path');
const fs = require('node:fs');
const compiled = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (fs.existsSync(compiled)) {
  require(compiled);
} else {
  require('tsx/cjs');
  require(path.join(__dirname, '..', 'cli', 'main.ts'));
}

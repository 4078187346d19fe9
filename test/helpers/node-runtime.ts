// The project's Node.js runtime as tests see it: the engines range of package.json, and a PATH
// with the project's own Node.js links removed (what a shell with the machine's `node` has).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** package.json's engines.node, e.g. ">=22.19 <25". */
export const ENGINES = (
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    engines: { node: string };
  }
).engines.node;

/** True when `version` (v24.1.0) satisfies an engines range of the form ">=A.B[.C] <D". */
export function satisfiesEngines(version: string, range = ENGINES): boolean {
  const m = /^>=(\d+)\.(\d+)(?:\.\d+)? <(\d+)$/.exec(range);
  if (!m) throw new Error(`engines "${range}" is not of the form ">=A.B <C"`);
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number) as [number, number];
  const [minMajor, minMinor, below] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return major < below && (major > minMajor || (major === minMajor && minor >= minMinor));
}

/** process.env.PATH without the directories where the set-up links the project's Node.js. */
export function machinePath(): string {
  const project = new Set(
    ['.tools/bin', '.tools/node/bin', 'node_modules/.bin'].map((d) => path.join(REPO_ROOT, d)),
  );
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((d) => d && !project.has(path.resolve(d)) && !d.endsWith('node_modules/.bin'))
    .join(path.delimiter);
}

/** The version of the Node.js the set-up linked (.tools/node), if any. */
export function projectNodeBinary(): string | undefined {
  const bin = path.join(REPO_ROOT, '.tools', 'node', 'bin', 'node');
  return fs.existsSync(bin) ? bin : undefined;
}

// The runtime every project command runs on: this test worker, and what `npm exec`/`npx` and npm
// scripts start from a shell whose PATH has only the machine's `node` (which may be older, e.g.
// an end-of-life Node 20): package.json's engines must accept it.
import { execFileSync } from 'node:child_process';
import {
  ENGINES,
  REPO_ROOT,
  machinePath,
  projectNodeBinary,
  satisfiesEngines,
} from '../../helpers/node-runtime';

describe('Node.js runtime', () => {
  it('reads the engines range the set-up enforces', () => {
    expect(satisfiesEngines('v24.22.3', '>=22.19 <25')).toBe(true);
    expect(satisfiesEngines('v22.19.0', '>=22.19 <25')).toBe(true);
    expect(satisfiesEngines('v22.18.9', '>=22.19 <25')).toBe(false);
    expect(satisfiesEngines('v20.20.2', '>=22.19 <25')).toBe(false);
    expect(satisfiesEngines('v25.0.0', '>=22.19 <25')).toBe(false);
  });

  it(`runs this test worker on a Node.js that engines "${ENGINES}" accepts`, () => {
    expect({ node: process.version, ok: satisfiesEngines(process.version) }).toEqual({
      node: process.version,
      ok: true,
    });
  });

  it('gives npm scripts and npx the project Node.js from a shell with only the machine node', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: machinePath() };
    delete env.npm_node_execpath;
    const viaNpx = execFileSync('npx', ['--no-install', 'node', '-p', 'process.version'], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
    }).trim();
    const viaScript = execFileSync(
      'npm',
      ['exec', '--no', '--', 'tsx', '-e', 'console.log(process.version)'],
      {
        cwd: REPO_ROOT,
        env,
        encoding: 'utf8',
      },
    ).trim();
    expect(satisfiesEngines(viaNpx)).toBe(true);
    expect(viaScript).toBe(viaNpx);
    const linked = projectNodeBinary();
    if (linked) {
      expect(viaNpx).toBe(execFileSync(linked, ['--version'], { encoding: 'utf8' }).trim());
    }
  });
});

// `npm start` as a user runs it, from a shell whose PATH has only the machine's `node`: the
// server comes up on a Node.js that package.json's engines accept, and its start-up log says
// which one (the first line a newcomer reads).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, waitReady } from '../../../bench/lib/serving-process';
import { REPO_ROOT, machinePath, satisfiesEngines } from '../../helpers/node-runtime';

jest.setTimeout(180_000);

describe('npm start', () => {
  it('serves on the project Node.js and logs its version at start-up', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: machinePath(),
      PORT: String(port),
      MLOPS_GRPC_PORT: '0', // a free port: servers run side by side
      HOST: '127.0.0.1',
      MLOPS_REGISTRY_URI: `file://${dataDir}/registry`,
      MLOPS_MODEL_CACHE_DIR: `${dataDir}/cache`,
    };
    delete env.npm_node_execpath;
    const child = spawn('npm', ['start'], {
      cwd: REPO_ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout!.on('data', (d: Buffer) => (logs += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (logs += d.toString()));
    try {
      await waitReady(`http://127.0.0.1:${port}`, 150_000, child);
      const line = logs
        .split('\n')
        .map((l) => {
          try {
            return JSON.parse(l) as { node?: string; msg?: string };
          } catch {
            return {};
          }
        })
        .find((l) => l.node);
      expect(line?.msg).toMatch(/^Node\.js v\d+\.\d+\.\d+ \(/);
      expect(satisfiesEngines(line!.node!)).toBe(true);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

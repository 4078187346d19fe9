// scripts/pulumi-policy: the launcher generated for the project's policy pack names the
// `nodejs-tsx` runtime, and its analyzer plugin starts the pack's gRPC server and prints the port
// on stdout (what the Pulumi engine reads); bad pack directories are refused naming the problem.
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../../..');
const LAUNCHER = path.join(REPO, 'scripts/pulumi-policy/launcher.sh');
const PLUGIN = path.join(REPO, 'scripts/pulumi-policy/pulumi-analyzer-policy-nodejs-tsx');

async function launcherFor(pack: string): Promise<string> {
  const { stdout } = await run('bash', [LAUNCHER, pack]);
  return stdout.trim();
}

/** Starts the analyzer as the engine does (cwd = the launcher) and resolves its first stdout line. */
function firstLine(cwd: string): Promise<{ line: string; stop: () => void }> {
  const child = spawn(PLUGIN, ['127.0.0.1:1', '.'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve({ line: out.slice(0, newline), stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`analyzer exited ${code}: ${stderr}`)));
  });
}

describe('policy pack launcher', () => {
  it('runs the project policy pack under tsx and serves the analyzer on the printed port', async () => {
    const launcher = await launcherFor(path.join(REPO, 'infra/policy'));
    expect(fs.readFileSync(path.join(launcher, 'PulumiPolicy.yaml'), 'utf8')).toMatch(
      /^runtime: nodejs-tsx$/m,
    );
    const { line, stop } = await firstLine(launcher);
    try {
      expect(line).toMatch(/^\d+$/);
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(Number(line), '127.0.0.1', () => {
          socket.end();
          resolve();
        });
        socket.on('error', reject);
      });
    } finally {
      stop();
    }
  }, 60_000);

  it('refuses a directory that is not a Node.js policy pack, naming what is wrong', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'not-a-pack-'));
    try {
      await expect(launcherFor(dir)).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('missing PulumiPolicy.yaml'),
      });
      fs.writeFileSync(path.join(dir, 'PulumiPolicy.yaml'), 'runtime: python\n');
      fs.writeFileSync(path.join(dir, 'package.json'), '{"version":"1.0.0"}\n');
      await expect(launcherFor(dir)).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining("only 'runtime: nodejs' packs"),
      });
      await expect(launcherFor(path.join(dir, 'absent'))).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('no directory'),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

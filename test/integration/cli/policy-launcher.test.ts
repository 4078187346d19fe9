// scripts/pulumi-policy: the analyzer executable generated for the project's policy pack, started
// as the Pulumi engine starts an executable policy pack (its address as the only argument, the
// program directory as cwd), serves the pack's gRPC server on the port it prints on stdout (what
// the engine reads); bad pack directories are refused naming the problem.
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../../..');
const LAUNCHER = path.join(REPO, 'scripts/pulumi-policy/launcher.sh');

async function launcherFor(pack: string): Promise<string> {
  const { stdout } = await run('bash', [LAUNCHER, pack]);
  return stdout.trim();
}

/** Starts the analyzer as the engine does and resolves its first stdout line. */
function firstLine(analyzer: string): Promise<{ line: string; stop: () => void }> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'program-dir-'));
  const child = spawn(analyzer, ['127.0.0.1:1'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
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
  it('generates an executable that runs the project policy pack under tsx and serves it on the printed port', async () => {
    const launcher = await launcherFor(path.join(REPO, 'infra/policy'));
    expect(fs.statSync(launcher).mode & 0o111).not.toBe(0); // an executable file
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

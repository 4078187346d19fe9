// `mlops serve` through the installed entry (bin/mlops.js): its flags reach the service (it
// listens where --port/--host say), it serves the default model, and SIGTERM drains and exits 0;
// a port already taken fails with exit code 1 and a message instead of a stack trace.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { photosMissingReason, readPhoto } from '../../helpers/photos';
import { describeWhen } from '../../helpers/requirements';
import { freePort } from '../../../bench/lib/serving-process';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../..');

describeWhen(photosMissingReason())('mlops serve', () => {
  let dataDir: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-serve-'));
  });
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const serve = (...args: string[]) => {
    let logs = '';
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'mlops.js'), 'serve', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        MLOPS_MODEL_CACHE_DIR: path.join(dataDir, 'cache'),
        PORT: '1', // the flag must win over the variable
        MLOPS_GRPC_PORT: '0', // a free port: servers run side by side
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    child.stdout!.on('data', (d: Buffer) => (logs += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (logs += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    return { child, exited, logs: () => logs };
  };

  it('serves on --port/--host with --registry and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const registry = pathToFileURL(path.join(dataDir, 'registry')).href;
    const s = serve('--port', String(port), '--host', '127.0.0.1', '--registry', registry);
    const base = `http://127.0.0.1:${port}`;
    const until = Date.now() + 150_000;
    for (;;) {
      if (s.child.exitCode !== null) throw new Error(`exited early:\n${s.logs()}`);
      if (
        await fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > until) throw new Error(`not ready:\n${s.logs()}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    const res = await fetch(`${base}/v1/detect`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: readPhoto('astronaut.png'),
    });
    const body = (await res.json()) as { detections: { label: string; score: number }[] };
    expect(body.detections.find((d) => d.label === 'person')?.score).toBeGreaterThanOrEqual(0.5);
    // --registry reached the service: the default model was imported there.
    expect(fs.existsSync(path.join(dataDir, 'registry', 'models', 'centernet-coco'))).toBe(true);

    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('a port in use fails with exit 1 and a one-line reason, no stack trace', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const { port } = blocker.address() as net.AddressInfo;
    const registry = pathToFileURL(path.join(dataDir, 'registry')).href;
    const s = serve('--port', String(port), '--host', '127.0.0.1', '--registry', registry);
    const code = await s.exited;
    blocker.close();
    expect(code).toBe(1);
    expect(s.logs()).toMatch(/mlops: serving failed to start: .*EADDRINUSE/);
    expect(s.logs()).not.toMatch(/\n\s+at /);
  });
});

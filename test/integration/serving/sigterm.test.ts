// Graceful shutdown of the real server process: SIGTERM while requests are in flight → every
// in-flight request is answered, the process exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { photosMissingReason, readPhoto } from '../../helpers/photos';
import { describeWhen } from '../../helpers/requirements';
import { freePort } from '../../../bench/lib/serving-process';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../..');

async function waitReady(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited early with ${child.exitCode}`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become ready');
}

describeWhen(photosMissingReason())('graceful shutdown of the server process', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every in-flight request after SIGTERM and exits 0', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'serving-sigterm-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let logs = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'serving/src/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        MLOPS_GRPC_PORT: '0', // a free port: servers run side by side
        HOST: '127.0.0.1',
        MLOPS_REGISTRY_URI: `file://${dataDir}/registry`,
        MLOPS_MODEL_CACHE_DIR: `${dataDir}/cache`,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (logs += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (logs += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child!.on('exit', (code) => resolve(code)),
    );
    await waitReady(base, child, 120_000);

    const image = readPhoto('astronaut.png');
    const inFlight = Array.from({ length: 4 }, () =>
      fetch(`${base}/v1/detect`, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: image,
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { detections?: { label: string }[] },
      })),
    );
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(results.every((r) => r.body.detections?.some((d) => d.label === 'person'))).toBe(true);
    const code = await exited;
    // The tail of the server's log makes a failure here diagnosable.
    expect({ code, log: code === 0 ? '' : logs.slice(-2000) }).toEqual({ code: 0, log: '' });
    expect(logs).toContain('shutdown complete');
    // The default model was imported into the fresh registry as version 1.
    expect(fs.existsSync(path.join(dataDir, 'registry/models/centernet-coco/1/COMMITTED'))).toBe(
      true,
    );
  });
});

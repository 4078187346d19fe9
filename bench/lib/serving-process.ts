// Starts the serving service as its own process (as `npm start` does) on a free port with a
// temporary registry, waits until /readyz says ready, and stops it with SIGTERM. Benchmarks and
// the reliability suite drive it over real HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVING_NODE_FLAGS, SERVING_RUNTIME_ENV } from '../../serving/src/runtime-settings';

const REPO = path.resolve(__dirname, '..', '..');

export interface ServingProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  readonly registryDir: string;
  /** Everything the process wrote to stdout/stderr so far. */
  readonly output: () => string;
  /** SIGTERM, then the exit code (or the signal name). */
  readonly stop: () => Promise<number | string>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitReady(url: string, timeoutMs: number, child?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    const ok = await fetch(`${url}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

export async function startServing(
  env: NodeJS.ProcessEnv = {},
  opts: { registryDir?: string; readyTimeoutMs?: number } = {},
): Promise<ServingProcess> {
  const port = await freePort();
  const registryDir = opts.registryDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-registry-'));
  const args = [...SERVING_NODE_FLAGS, '--import', 'tsx', 'serving/src/server.ts'];
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: {
      ...process.env,
      ...SERVING_RUNTIME_ENV,
      PORT: String(port),
      MLOPS_GRPC_PORT: '0', // a free port: servers run side by side
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MLOPS_REGISTRY_URI: `file://${registryDir}`,
      MLOPS_MODEL_CACHE_DIR: path.join(registryDir, '.cache'),
      MLOPS_POLL_INTERVAL_MS: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  try {
    await waitReady(url, opts.readyTimeoutMs ?? 120_000, child);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${out.slice(-2000)}`);
  }
  return { url, pid: child.pid!, child, registryDir, output: () => out, stop };
}

// The inference engine at the HTTP surface, over real sockets, with a detector that blocks its
// thread synchronously like the native call: health, readiness and metrics answer while the
// thread is busy; a model exception, a stuck call and a killed thread are answered 503 at once,
// the thread is replaced and serving resumes; a request past its deadline mid-run gets 504 then.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { defaultModelFiles, defaultModelMetadata } from '../../../core/detection/default-model';
import { ModelRegistry } from '../../../core/registry';
import { FileStorage } from '../../../core/storage';
import { parseServingConfig } from '../../../serving/src/config';
import { createService, type Service } from '../../../serving/src/service';
import { FAULT_RED } from '../../helpers/sync-fake-loader';
import { MODEL } from './harness';

const INFERENCE_MS = 300;
const LOADER = path.resolve(__dirname, '../../helpers/sync-fake-loader.ts');

const solid = (red: number) =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: { r: red, g: 0, b: 0 } } })
    .png()
    .toBuffer();

interface Running {
  readonly service: Service;
  readonly url: string;
  readonly dispose: () => Promise<void>;
}

async function start(env: NodeJS.ProcessEnv): Promise<Running> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-test-'));
  const source = new ModelRegistry(new FileStorage(dir));
  await source.publish(MODEL, defaultModelFiles(), defaultModelMetadata(MODEL));
  process.env.FAKE_INFERENCE_MS = String(INFERENCE_MS); // copied into the threads' environment
  const service = await createService({
    source,
    engineInit: { loaderModule: LOADER },
    config: parseServingConfig({
      MLOPS_REGISTRY_URI: `file://${dir}`,
      MLOPS_POLL_INTERVAL_MS: '0',
      MLOPS_MODEL_CACHE_DIR: path.join(dir, 'cache'),
      ...env,
    }),
  });
  await service.manager.sync();
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = service.app.server.address() as { port: number };
  return {
    service,
    url: `http://127.0.0.1:${port}`,
    dispose: async () => {
      await service.app.close();
      await service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const post = (url: string, body: Buffer) =>
  fetch(`${url}/v1/detect`, { method: 'POST', body, headers: { 'content-type': 'image/png' } });

async function timed(url: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t0 };
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t0;
}

/** One running service per describe block: started before its tests, disposed after. */
function useRunning(env: NodeJS.ProcessEnv): () => Running {
  let r: Running | undefined;
  beforeAll(async () => {
    r = await start(env);
  }, 60_000);
  afterAll(async () => r?.dispose());
  return () => r!;
}

const readyz = (url: string) => fetch(`${url}/readyz`).then((r) => r.status === 200);

describe('inference engine under a synchronous detector', () => {
  const running = useRunning({
    MLOPS_INFERENCE_STALL_MS: '2000',
    MLOPS_REQUEST_TIMEOUT_MS: '20000',
  });

  it('answers health, readiness and metrics in well under one inference while the thread is busy', async () => {
    const r = running();
    const image = await solid(10);
    const backlog = Promise.all(Array.from({ length: 8 }, () => post(r.url, image)));
    await new Promise((res) => setTimeout(res, 50));
    const probes: { status: number; ms: number }[] = [];
    for (let i = 0; i < 10; i++) {
      for (const p of ['/healthz', '/readyz', '/metrics']) probes.push(await timed(`${r.url}${p}`));
      await new Promise((res) => setTimeout(res, 50));
    }
    const statuses = (await backlog).map((res) => res.status);
    expect(statuses).toEqual(Array(8).fill(200));
    expect(probes.map((p) => p.status)).toEqual(Array(probes.length).fill(200));
    // The backlog is 8 × 300 ms of blocked inference thread; a probe waiting on it would take
    // at least one inference. Each must be far below that.
    expect(Math.max(...probes.map((p) => p.ms))).toBeLessThan(INFERENCE_MS / 3);
  });

  it('answers a model exception 503 at once, replaces the thread and serves again', async () => {
    const r = running();
    const [crash, normal] = await Promise.all([solid(FAULT_RED.throws), solid(10)]);
    const res = await post(r.url, crash);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await res.json()).toMatchObject({ error: 'engine_unavailable' });
    await until(() => readyz(r.url), 30_000);
    expect((await post(r.url, normal)).status).toBe(200);
    const metrics = await (await fetch(`${r.url}/metrics`)).text();
    expect(metrics).toMatch(/^mlops_serving_inference_thread_restarts_total [1-9]/m);
  }, 60_000);

  it('answers a stuck call 503 at the stall limit, readiness false until the replacement is warm', async () => {
    const r = running();
    const [hang, normal] = await Promise.all([solid(FAULT_RED.hangs), solid(10)]);
    const t0 = performance.now();
    const stuck = post(r.url, hang);
    const queued = post(r.url, normal); // waits behind the stuck call
    await until(async () => !(await readyz(r.url)), 10_000);
    const [a, b] = await Promise.all([stuck, queued]);
    const elapsed = performance.now() - t0;
    expect(a.status).toBe(503);
    expect([200, 503]).toContain(b.status);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(2000 + 10 * INFERENCE_MS);
    await until(() => readyz(r.url), 30_000);
    expect((await post(r.url, normal)).status).toBe(200);
  }, 60_000);

  it('answers 503 at once for what was in flight when a thread dies, then recovers', async () => {
    const r = running();
    const image = await solid(10);
    const inFlight = Array.from({ length: 4 }, () => post(r.url, image));
    await new Promise((res) => setTimeout(res, INFERENCE_MS / 2));
    const t0 = performance.now();
    await r.service.engine.kill(0, 'killed by the test');
    const statuses = (await Promise.all(inFlight)).map((res) => res.status);
    expect(performance.now() - t0).toBeLessThan(INFERENCE_MS);
    expect(statuses).toContain(503);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    await until(() => readyz(r.url), 30_000);
    expect((await post(r.url, image)).status).toBe(200);
  }, 60_000);
});

describe('deadlines that hold while a call runs', () => {
  const running = useRunning({
    MLOPS_REQUEST_TIMEOUT_MS: '1000',
    MLOPS_INFERENCE_STALL_MS: '30000',
  });

  it('answers 504 at the deadline, not when the slow call ends', async () => {
    const r = running();
    const slow = await solid(FAULT_RED.slow); // 20 × 300 ms = 6 s of blocked thread
    const t0 = performance.now();
    const res = await post(r.url, slow);
    const ms = performance.now() - t0;
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ error: 'timeout' });
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(ms).toBeLessThan(1000 + INFERENCE_MS * 2);
  }, 60_000);
});

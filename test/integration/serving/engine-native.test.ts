// The real inference engine: the threads load TensorFlow (tfjs-node when it loads, else wasm),
// wasm runs two threads that answer in parallel, and a killed thread's replacement loads the
// native backend again and detects the astronaut (tfjs-node in a fresh worker_thread).
import { photosMissingReason, readPhoto } from '../../helpers/photos';
import { describeWhen } from '../../helpers/requirements';
import { startHarness, type Harness } from './harness';

jest.setTimeout(180_000);

type Found = { label: string; score: number }[];

async function detectPerson(h: Harness): Promise<number> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/v1/detect',
    headers: { 'content-type': 'image/png' },
    payload: readPhoto('astronaut.png'),
  });
  expect(res.statusCode).toBe(200);
  return (res.json().detections as Found).find((d) => d.label === 'person')?.score ?? 0;
}

describeWhen(photosMissingReason())('inference engine (real TensorFlow)', () => {
  let h: Harness;
  afterEach(async () => h?.dispose());

  it('replaces a killed thread with one that loads TensorFlow again', async () => {
    h = await startHarness();
    expect(await detectPerson(h)).toBeGreaterThanOrEqual(0.5);
    const backend = h.engine.backend;
    for (let round = 0; round < 2; round++) {
      await h.engine.kill(0, 'killed by the test');
      expect(h.engine.ready).toBe(false);
      while (!h.engine.ready) await new Promise((r) => setTimeout(r, 50));
      expect(h.engine.backend).toBe(backend);
      expect(await detectPerson(h)).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('spreads concurrent requests over two wasm threads', async () => {
    h = await startHarness({ env: { MLOPS_TF_BACKEND: 'wasm', MLOPS_WORKERS: '2' } });
    expect(h.engine.backend).toBe('wasm');
    expect(h.engine.threads).toBe(2);
    const scores = await Promise.all(Array.from({ length: 4 }, () => detectPerson(h)));
    scores.forEach((s) => expect(s).toBeGreaterThanOrEqual(0.5));
    const perThread = h.engine.answeredPerThread();
    expect(perThread).toHaveLength(2);
    perThread.forEach((n) => expect(n).toBeGreaterThan(0));
  });
});

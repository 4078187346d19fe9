// The worker_threads detector pool (used with the wasm backend): answers like the in-process
// detector, spreads concurrent requests over its workers, and shuts down cleanly.
import { photosMissingReason, readPhoto } from '../../helpers/photos';
import { describeWhen } from '../../helpers/requirements';
import { MODEL, startHarness, type Harness } from './harness';

jest.setTimeout(180_000);

describeWhen(photosMissingReason())('worker pool detector', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { MLOPS_WORKERS: '2' } });
  });
  afterAll(async () => h?.dispose());

  it('detects the astronaut from two workers in parallel', async () => {
    const payload = readPhoto('astronaut.png');
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        h.app.inject({
          method: 'POST',
          url: '/v1/detect',
          headers: { 'content-type': 'image/png' },
          payload,
        }),
      ),
    );
    for (const res of responses) {
      expect(res.statusCode).toBe(200);
      const person = (res.json().detections as { label: string; score: number }[]).find(
        (d) => d.label === 'person',
      );
      expect(person?.score).toBeGreaterThanOrEqual(0.5);
    }
    expect(h.manager.routing(MODEL).versions).toEqual([1]);
  });
});

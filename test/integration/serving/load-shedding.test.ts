// Load shedding at the door: with a queue of 1, a burst of concurrent requests gets answers at
// once — 200 for what fits (queued + running), 503 with Retry-After and a JSON error for the
// rest — instead of piling up in image decoding ahead of the queue.
import { photosMissingReason, readPhoto } from '../../helpers/photos';
import { describeWhen } from '../../helpers/requirements';
import { startHarness, type Harness } from './harness';

describeWhen(photosMissingReason())('load shedding', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { MLOPS_MAX_QUEUE: '1' } });
  }, 120_000);
  afterAll(async () => h?.dispose());

  it('sheds what exceeds queue + running with 503 and serves the rest', async () => {
    const body = readPhoto('astronaut.png');
    const burst = await Promise.all(
      Array.from({ length: 12 }, () =>
        h.app.inject({
          method: 'POST',
          url: '/v1/detect',
          headers: { 'content-type': 'image/png' },
          payload: body,
        }),
      ),
    );
    const ok = burst.filter((r) => r.statusCode === 200);
    const shed = burst.filter((r) => r.statusCode === 503);
    expect(ok.length + shed.length).toBe(12);
    // Admission limit = queue (1) + one running inference.
    expect(ok.length).toBe(2);
    expect(shed[0]!.headers['retry-after']).toMatch(/^\d+$/);
    expect(shed[0]!.json()).toMatchObject({ error: 'overloaded' });
    const metrics = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^mlops_serving_shed_requests_total 10$/m);
    // Once the burst is over, the next request is served.
    const after = await h.app.inject({
      method: 'POST',
      url: '/v1/detect',
      headers: { 'content-type': 'image/png' },
      payload: body,
    });
    expect(after.statusCode).toBe(200);
  });
});

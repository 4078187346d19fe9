// Drift end to end through the service: a version whose baseline was recorded on normal photos
// exports near-zero drift for similar traffic, and a high brightness drift once the traffic turns
// dark — the signal the ModelInputDrift alert fires on.
import { photosMissingReason } from '../../helpers/photos';
import { describeWhen } from '../../helpers/requirements';
import { astronautDrift } from './drift-fixtures';
import { startHarness, type Harness } from './harness';

jest.setTimeout(180_000);

function scrape(text: string, signal: string): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith('mlops_serving_drift_score{') && l.includes(`signal="${signal}"`));
  if (!line) throw new Error(`no drift score for ${signal} in /metrics`);
  return Number(line.split(' ').pop());
}

describeWhen(photosMissingReason())('drift scores exported by serving', () => {
  let h: Harness;
  let photo: Buffer;
  let dark: Buffer;

  beforeAll(async () => {
    let baseline: Awaited<ReturnType<typeof astronautDrift>>['baseline'];
    ({ photo, dark, baseline } = await astronautDrift());
    h = await startHarness({ env: {}, baseline: { ...baseline } });
  });
  afterAll(async () => h?.dispose());

  const send = async (body: Buffer, n: number) => {
    for (let i = 0; i < n; i++) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/detect',
        headers: { 'content-type': 'image/png' },
        payload: body,
      });
      expect(res.statusCode).toBe(200);
    }
  };
  const metrics = async () => (await h.app.inject({ method: 'GET', url: '/metrics' })).body;

  it('stays low for traffic like the baseline and rises past the alert threshold for dark images', async () => {
    await send(photo, 6);
    const before = await metrics();
    expect(scrape(before, 'brightness')).toBeLessThan(0.1);
    expect(scrape(before, 'image_size')).toBeLessThan(0.1);
    expect(before).toMatch(/mlops_serving_drift_window_samples\{model="[^"]+",version="1"\} 6/);

    await send(dark, 10);
    const after = await metrics();
    expect(scrape(after, 'brightness')).toBeGreaterThan(0.25);
    expect(scrape(after, 'image_size')).toBeLessThan(0.1);
  });
});

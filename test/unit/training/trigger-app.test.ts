// The trigger webhook: token required, bad payloads rejected with a message, and concurrent
// triggers for one model start exactly one run.
import { TRAINING_TRIGGER_PATHS } from '../../../core/contract';
import { createTrainingMetrics } from '../../../training/src/trigger/metrics';
import { buildTriggerApp } from '../../../training/src/trigger/trigger-app';

function setup() {
  const started: string[] = [];
  let finish: () => void = () => undefined;
  const app = buildTriggerApp({
    token: 'secret',
    startRun: (model) => {
      started.push(model);
      return new Promise<void>((resolve) => (finish = resolve));
    },
  });
  return { app, started, finish: () => finish() };
}
const auth = { authorization: 'Bearer secret' };
const firing = (model: string) => ({
  alerts: [{ status: 'firing', labels: { alertname: 'PredictionDrift', model } }],
});

describe('training trigger webhook', () => {
  it('requires the bearer token', async () => {
    const { app, started } = setup();
    const r = await app.inject({
      method: 'POST',
      url: TRAINING_TRIGGER_PATHS.manual,
      payload: { model: 'shapes' },
    });
    expect(r.statusCode).toBe(401);
    expect(started).toEqual([]);
  });

  it('starts one run per model however many alerts arrive while it runs', async () => {
    const { app, started, finish } = setup();
    for (let i = 0; i < 3; i++)
      await app.inject({
        method: 'POST',
        url: TRAINING_TRIGGER_PATHS.alertmanager,
        headers: auth,
        payload: firing('shapes'),
      });
    const manual = await app.inject({
      method: 'POST',
      url: TRAINING_TRIGGER_PATHS.manual,
      headers: auth,
      payload: { model: 'shapes' },
    });
    expect(manual.statusCode).toBe(409);
    expect(started).toEqual(['shapes']);
    finish();
    await new Promise((r) => setImmediate(r));
    const again = await app.inject({
      method: 'POST',
      url: TRAINING_TRIGGER_PATHS.manual,
      headers: auth,
      payload: { model: 'shapes' },
    });
    expect(again.statusCode).toBe(202);
    expect(started).toEqual(['shapes', 'shapes']);
  });

  it('ignores resolved alerts and rejects malformed bodies naming the field', async () => {
    const { app, started } = setup();
    await app.inject({
      method: 'POST',
      url: TRAINING_TRIGGER_PATHS.alertmanager,
      headers: auth,
      payload: { alerts: [{ status: 'resolved', labels: { model: 'shapes' } }] },
    });
    expect(started).toEqual([]);
    const bad = await app.inject({
      method: 'POST',
      url: TRAINING_TRIGGER_PATHS.manual,
      headers: auth,
      payload: { model: '../etc' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/body\.model/);
    const noAlerts = await app.inject({
      method: 'POST',
      url: TRAINING_TRIGGER_PATHS.alertmanager,
      headers: auth,
      payload: {},
    });
    expect(noAlerts.statusCode).toBe(400);
  });

  it('exports run outcomes for the staleness and failure alerts at /metrics', async () => {
    let finish: (v: unknown) => void = () => undefined;
    let fail: (e: Error) => void = () => undefined;
    const outcomes = [
      new Promise((resolve) => (finish = resolve)),
      new Promise((_, reject) => (fail = reject)),
    ];
    const app = buildTriggerApp({
      token: 'tok-0123456789abcdef',
      startRun: () => outcomes.shift()!,
    });
    const headers = { authorization: 'Bearer tok-0123456789abcdef' };
    const post = () =>
      app.inject({
        method: 'POST',
        url: TRAINING_TRIGGER_PATHS.manual,
        headers,
        payload: { model: 'shapes' },
      });
    await post();
    finish({ version: 4, metrics: { AP: 0.4, AP50: 0.6 }, gate: { promote: true } });
    await new Promise((r) => setImmediate(r));
    await post();
    fail(new Error('validation failed'));
    await new Promise((r) => setImmediate(r));
    const res = await app.inject({ method: 'GET', url: TRAINING_TRIGGER_PATHS.metrics });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/mlops_training_runs_total\{model="shapes",status="succeeded"\} 1/);
    expect(res.body).toMatch(/mlops_training_runs_total\{model="shapes",status="failed"\} 1/);
    expect(res.body).toMatch(
      /mlops_training_last_success_timestamp_seconds\{model="shapes"\} \d{10}/,
    );
    expect(res.body).toMatch(
      /mlops_training_last_promotion_timestamp_seconds\{model="shapes"\} \d{10}/,
    );
    expect(res.body).toMatch(
      /mlops_training_eval_ap\{model="shapes",version="4",metric="AP50"\} 0.6/,
    );
    expect(res.body).toMatch(
      /mlops_training_triggers_total\{source="manual",outcome="started"\} 2/,
    );
  });

  it('exports training and evaluation throughput per model and phase', async () => {
    const metrics = createTrainingMetrics();
    const app = buildTriggerApp({ token: 'secret', metrics, startRun: async () => ({}) });
    metrics.recordThroughput('shapes', 'train', 812.5);
    metrics.recordThroughput('shapes', 'train', 790);
    metrics.recordThroughput('shapes', 'eval', 21.25);
    const res = await app.inject({ method: 'GET', url: TRAINING_TRIGGER_PATHS.metrics });
    expect(res.body).toMatch(
      /mlops_training_images_per_second\{model="shapes",phase="train"\} 790\n/,
    );
    expect(res.body).toMatch(
      /mlops_training_images_per_second\{model="shapes",phase="eval"\} 21.25\n/,
    );
  });
});

// The trigger webhook: token required, bad payloads rejected with a message, and concurrent
// triggers for one model start exactly one run.
import { TRAINING_TRIGGER_PATHS } from '../../../core/contract';
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
});

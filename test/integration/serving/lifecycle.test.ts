// Model lifecycle under traffic: hot swap with zero failed requests, canary split, shadow mode
// (recorded, never returned) and the admin promote/unload endpoints.
import { photosMissingReason, readPhoto } from '../../helpers/photos';
import { describeWhen } from '../../helpers/requirements';
import { ADMIN_TOKEN, MODEL, startHarness, type Harness } from './harness';

jest.setTimeout(180_000);

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

function detector(h: Harness) {
  const payload = readPhoto('coffee.png');
  return async (query = '') => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/v1/detect${query}`,
      headers: { 'content-type': 'image/png' },
      payload,
    });
    return {
      status: res.statusCode,
      version: res.statusCode === 200 ? (res.json().model.version as number) : undefined,
      body: res.json() as Record<string, unknown>,
    };
  };
}

describeWhen(photosMissingReason())('hot swap', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.dispose());

  it('switches to a newly published version under concurrent load with zero failures', async () => {
    const detect = detector(h);
    const tensorsWithOneVersion = await h.engine.memory();
    const results: { status: number; version?: number; afterSwap: boolean }[] = [];
    let swapped = false;
    // Each client keeps sending until three requests started after the switch have finished.
    const client = async () => {
      while (results.filter((r) => r.afterSwap).length < 3) {
        const afterSwap = swapped;
        results.push({ ...(await detect()), afterSwap });
      }
    };
    const swap = async () => {
      await new Promise((r) => setTimeout(r, 300));
      expect(await h.publishVersion()).toBe(2);
      await h.manager.sync();
      swapped = true;
    };
    await Promise.all([client(), client(), client(), swap()]);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    const versions = new Set(results.map((r) => r.version));
    expect(versions).toEqual(new Set([1, 2]));
    expect(results.filter((r) => r.afterSwap).every((r) => r.version === 2)).toBe(true);
    expect(h.manager.routing(MODEL).versions).toEqual([2]);
    await h.scheduler.idle();
    // The old version was disposed once its in-flight requests finished.
    expect(await h.engine.memory()).toBe(tensorsWithOneVersion);
  });
});

describeWhen(photosMissingReason())('canary, shadow and admin', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      versions: 2,
      modelConfig: {
        models: [
          {
            name: MODEL,
            versionPolicy: { specific: [1, 2] },
            default: 'stable',
            labels: { stable: 1, canary: 2 },
            aliases: [],
            canary: { label: 'canary', weight: 0.5 },
            shadow: { label: 'canary', fraction: 1 },
          },
        ],
      },
    });
  });
  afterAll(async () => h?.dispose());

  it('splits unpinned traffic between stable and canary; labels and versions pin', async () => {
    const detect = detector(h);
    const seen: number[] = [];
    for (let i = 0; i < 16; i++) seen.push((await detect()).version!);
    expect(seen).toContain(1);
    expect(seen).toContain(2);
    expect((await detect('?label=canary')).version).toBe(2);
    expect((await detect('?label=stable')).version).toBe(1);
    expect((await detect('?version=2')).version).toBe(2);
    expect((await detect('?label=missing')).status).toBe(404);
  });

  it('records shadow results for requests served by stable and never returns them', async () => {
    const detect = detector(h);
    const before = (
      (await h.app.inject({ url: `/admin/models/${MODEL}/shadow`, headers: admin })).json()
        .records as unknown[]
    ).length;
    const r = await detect('?label=stable');
    expect(r.version).toBe(1);
    expect(Object.keys(r.body).sort()).toEqual(['detections', 'image', 'model', 'timings']);
    await h.scheduler.idle();
    await new Promise((res) => setTimeout(res, 50));
    const records = (
      await h.app.inject({ url: `/admin/models/${MODEL}/shadow`, headers: admin })
    ).json().records as {
      servedVersion: number;
      shadowVersion: number;
      served: unknown[];
      shadow: { label: string }[];
    }[];
    expect(records.length).toBe(before + 1);
    const last = records[records.length - 1];
    expect([last.servedVersion, last.shadowVersion]).toEqual([1, 2]);
    expect(last.shadow.map((d) => d.label)).toContain('cup');
    expect(last.served.length).toBeGreaterThan(0);
    const metrics = (await h.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(
      /mlops_serving_shadow_requests_total\{model="centernet-coco",version="2",outcome="ok"\} \d+/,
    );
  });

  it('promotes with a label and unloads a version through the admin API', async () => {
    const promote = await h.app.inject({
      method: 'PUT',
      url: `/admin/models/${MODEL}/labels/stable`,
      headers: admin,
      payload: { version: 2 },
    });
    expect(promote.statusCode).toBe(200);
    expect(promote.json().labels.stable).toBe(2);
    const bad = await h.app.inject({
      method: 'PUT',
      url: `/admin/models/${MODEL}/labels/stable`,
      headers: admin,
      payload: { version: 'two' },
    });
    expect(bad.statusCode).toBe(400);
    const missing = await h.app.inject({
      method: 'PUT',
      url: `/admin/models/${MODEL}/labels/stable`,
      headers: admin,
      payload: { version: 9 },
    });
    expect(missing.statusCode).toBe(404);
    const unload = await h.app.inject({
      method: 'DELETE',
      url: `/admin/models/${MODEL}/versions/1`,
      headers: admin,
    });
    expect(unload.statusCode).toBe(200);
    expect(unload.json().versions).toEqual([2]);
    expect((await detector(h)()).version).toBe(2);
    expect((await h.app.inject({ url: `/v1/models/${MODEL}/versions/1` })).statusCode).toBe(404);
    const noToken = await h.app.inject({ method: 'POST', url: `/admin/models/${MODEL}/reload` });
    expect(noToken.statusCode).toBe(401);
  });
});

describeWhen(photosMissingReason())('promotion through the registry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ versions: 2 });
  });
  afterAll(async () => h?.dispose());

  it('writes a followed alias to the registry and routes unpinned traffic to it', async () => {
    expect((await detector(h)()).version).toBe(2); // latest without labels
    const res = await h.app.inject({
      method: 'PUT',
      url: `/admin/models/${MODEL}/labels/production`,
      headers: admin,
      payload: { version: 1 },
    });
    expect(res.statusCode).toBe(200);
    expect(await h.source.resolveAlias(MODEL, 'production')).toBe(1);
    expect(h.manager.routing(MODEL).versions).toEqual([1, 2]);
    expect((await detector(h)()).version).toBe(1);
  });
});

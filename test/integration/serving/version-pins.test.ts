// Versions that hold, at the HTTP surface of a real service: a `specific` pin is exclusive
// (aliases and labels select among the pins, never add a version, and nothing falls back to the
// highest loaded); a failing, empty or shrinking registry listing never unloads the pinned or
// current set (each case counted in a metric); a multi-image request is admitted as a whole and
// served by one version; until the first sync has loaded the models, inference answers 503.
import type { ModelSource } from '../../../serving/src/models/model-source';
import type { ModelConfig } from '../../../serving/src/manager/model-config';
import { photosMissingReason, readPhoto } from '../../helpers/photos';
import { describeWhen } from '../../helpers/requirements';
import { MODEL, startHarness, type Harness } from './harness';

jest.setTimeout(120_000);

const png = () => readPhoto('astronaut.png');

async function detect(h: Harness, query = '') {
  const res = await h.app.inject({
    method: 'POST',
    url: `/v1/detect${query}`,
    headers: { 'content-type': 'image/png' },
    payload: png(),
  });
  return {
    status: res.statusCode,
    version: (res.json() as { model?: { version: number } }).model?.version,
  };
}

async function metric(h: Harness, pattern: RegExp): Promise<number> {
  const text = (await h.app.inject({ url: '/metrics' })).body;
  return text
    .split('\n')
    .filter((l) => pattern.test(l))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

/** A registry view whose listing can be made to fail or come back empty. */
function flaky(source: ModelSource) {
  const mode = { listing: 'real' as 'real' | 'fail' | 'empty' };
  const view: ModelSource = {
    listVersions: (name) =>
      mode.listing === 'fail'
        ? Promise.reject(new Error('storage unavailable'))
        : mode.listing === 'empty'
          ? Promise.resolve([])
          : source.listVersions(name),
    getMetadata: (n, v) => source.getMetadata(n, v),
    resolveAlias: (n, a) => source.resolveAlias(n, a),
    readFile: (n, v, f) => source.readFile(n, v, f),
  };
  return { view, mode };
}

const pinned = (specific: number[], extra: Partial<ModelConfig['models'][number]> = {}) =>
  ({
    models: [
      {
        name: MODEL,
        versionPolicy: { specific },
        aliases: ['production', 'staging', 'stable', 'canary'],
        labels: {},
        ...extra,
      },
    ],
  }) as ModelConfig;

describeWhen(photosMissingReason())('version pins', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it('serves exactly the pinned version while aliases point elsewhere', async () => {
    h = await startHarness({ versions: 2, modelConfig: pinned([1]) });
    await h.source.setAlias(MODEL, 'staging', 2);
    await h.source.setAlias(MODEL, 'production', 2);
    await h.manager.sync();
    expect(h.manager.routing(MODEL).versions).toEqual([1]);
    for (let i = 0; i < 5; i++) expect(await detect(h)).toEqual({ status: 200, version: 1 });
    expect((await detect(h, '?label=staging')).status).toBe(404);
    expect((await detect(h, '?version=2')).status).toBe(404);
    expect(
      await metric(
        h,
        /^mlops_serving_registry_sync_anomalies_total\{.*reason="label-outside-pins"/,
      ),
    ).toBeGreaterThan(0);
  });

  it('keeps serving through a failing and an empty listing, and keeps a pinned version that vanished', async () => {
    let flakyView: ReturnType<typeof flaky> | undefined;
    h = await startHarness({
      versions: 2,
      modelConfig: pinned([1, 2], { default: 1 }),
      view: (registry) => (flakyView = flaky(registry)).view,
    });
    const { view, mode } = flakyView!;
    mode.listing = 'fail';
    await h.manager.sync();
    expect(await detect(h)).toEqual({ status: 200, version: 1 });
    mode.listing = 'empty';
    await h.manager.sync();
    expect(await detect(h)).toEqual({ status: 200, version: 1 });
    expect(h.manager.routing(MODEL).versions).toEqual([1, 2]);
    expect(await metric(h, /reason="listing-failed"/)).toBe(1);
    expect(await metric(h, /reason="listing-empty"/)).toBe(1);
    // Retention deletes version 2 from the registry: it stays, because it is pinned.
    mode.listing = 'real';
    const real = h.source.listVersions.bind(h.source);
    view.listVersions = async (n) => (await real(n)).filter((v) => v !== 2);
    await h.manager.sync();
    expect(h.manager.routing(MODEL).versions).toEqual([1, 2]);
    expect((await detect(h, '?version=2')).status).toBe(200);
    expect(await metric(h, /reason="pinned-version-missing"/)).toBe(1);
  });

  it('serves a multi-image request from one version under a canary split', async () => {
    h = await startHarness({
      versions: 2,
      modelConfig: pinned([1, 2], {
        default: 1,
        labels: { canary: 2 },
        aliases: [],
        canary: { label: 'canary', weight: 0.5 },
      }),
    });
    const b64 = png().toString('base64');
    for (let i = 0; i < 4; i++) {
      const before = [1, 2].map((v) =>
        metric(h!, new RegExp(`^mlops_serving_batch_size_count\\{.*version="${v}"`)),
      );
      const counts0 = await Promise.all(before);
      const res = await h.app.inject({
        method: 'POST',
        url: `/v2/models/${MODEL}/infer`,
        payload: {
          inputs: [{ name: 'image', datatype: 'BYTES', shape: [6], data: Array(6).fill(b64) }],
        },
      });
      expect(res.statusCode).toBe(200);
      const served = Number((res.json() as { model_version: string }).model_version);
      const counts1 = await Promise.all(
        [1, 2].map((v) =>
          metric(h!, new RegExp(`^mlops_serving_batch_size_count\\{.*version="${v}"`)),
        ),
      );
      // All six images ran on the version the response names, none on the other.
      expect(counts1[served - 1]! - counts0[served - 1]!).toBe(6);
      expect(counts1[2 - served]! - counts0[2 - served]!).toBe(0);
    }
  });
});

describeWhen(photosMissingReason())('start-up', () => {
  it('answers 503 with Retry-After until the first sync has loaded the model', async () => {
    const h = await startHarness({ versions: 1, skipSync: true });
    try {
      const early = await h.app.inject({
        method: 'POST',
        url: '/v1/detect',
        headers: { 'content-type': 'image/png' },
        payload: png(),
      });
      expect(early.statusCode).toBe(503);
      expect(early.headers['retry-after']).toMatch(/^\d+$/);
      expect(early.json()).toMatchObject({ error: 'not_ready' });
      await h.manager.sync();
      expect((await detect(h)).status).toBe(200);
    } finally {
      await h.dispose();
    }
  });
});

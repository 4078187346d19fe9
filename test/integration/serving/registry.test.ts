// The read-only registry endpoints against a real file registry: listing with aliases and served
// state, version summaries with metrics and lineage, report files with their content type, and
// bad names, unknown models and path traversal answered as 4xx JSON.
import { ADMIN_TOKEN, MODEL, startHarness, type Harness } from './harness';
import { publishTrainedVersion, TRAINED_METRICS } from './registry-fixtures';

jest.setTimeout(120_000);

const BASE = '/v1/registry/models';

describe('registry view endpoints', () => {
  let h: Harness;
  let trained: number;
  beforeAll(async () => {
    h = await startHarness({ env: {} });
    trained = await publishTrainedVersion(h);
  });
  afterAll(async () => h?.dispose());

  it('lists models with registry versions, aliases and what this replica serves', async () => {
    const res = await h.app.inject({ url: BASE });
    expect(res.statusCode).toBe(200);
    const [model] = res.json().models;
    expect(model).toMatchObject({
      name: MODEL,
      versions: [1, trained],
      aliases: { staging: trained, canary: trained, production: 1 },
    });
    expect(model.served.versions).toContain(1);
  });

  it('summarises each version, newest first, with metrics, lineage and report files', async () => {
    const res = await h.app.inject({ url: `${BASE}/${MODEL}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.versions.map((v: { version: number }) => v.version)).toEqual([trained, 1]);
    const [latest, first] = body.versions;
    expect(latest.metrics).toEqual(TRAINED_METRICS);
    expect(latest.aliases.sort()).toEqual(['canary', 'staging']);
    expect(latest.lineage).toEqual({
      dataset: { name: 'street-photos', version: 3, fingerprint: 'sha256:abc' },
      parent: { name: MODEL, version: 1 },
      runId: 'run-42',
      codeRevision: null,
    });
    expect(latest.reports).toEqual(['pr-iou50.svg', 'pr-iou75.svg', 'report.md']);
    expect(first.reports).toEqual([]);
    expect(first.aliases).toEqual(['production']);
  });

  it('serves a report SVG as image/svg+xml with a locked-down CSP', async () => {
    const res = await h.app.inject({
      url: `${BASE}/${MODEL}/versions/${trained}/report/pr-iou50.svg`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(res.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.body).toContain('precision-recall at IoU .50');
    const md = await h.app.inject({ url: `${BASE}/${MODEL}/versions/${trained}/report/report.md` });
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
  });

  it.each([
    ['an invalid model name', 400, `${BASE}/Bad%20Name`],
    ['an unknown model', 404, `${BASE}/no-such-model`],
    ['a report of an unknown version', 404, `${BASE}/${MODEL}/versions/99/report/pr-iou50.svg`],
    ['a non-numeric version', 400, `${BASE}/${MODEL}/versions/latest/report/pr-iou50.svg`],
    ['a report the version does not have', 404, `${BASE}/${MODEL}/versions/1/report/pr-iou50.svg`],
    [
      'an encoded ../ traversal',
      400,
      `${BASE}/${MODEL}/versions/2/report/..%2F..%2F1%2Fmetadata.json`,
    ],
    [
      'an encoded ../ to the model files',
      400,
      `${BASE}/${MODEL}/versions/2/report/..%2Fmodel.json`,
    ],
    ['a file outside report/ by name', 404, `${BASE}/${MODEL}/versions/2/report/metadata.json`],
    ['a model name with ..', 400, `${BASE}/..%2F..%2Fetc/versions/1/report/a.svg`],
  ])('answers %s with %i JSON naming the problem', async (_what, status, url) => {
    const res = await h.app.inject({ url });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ error: expect.any(String), message: expect.any(String) });
  });
});

describe('registry view endpoints with API keys', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { MLOPS_API_KEYS: 'key-one' } });
  });
  afterAll(async () => h?.dispose());

  it('needs an inference key (the admin token is not one), like /v1/detect', async () => {
    expect((await h.app.inject({ url: BASE })).statusCode).toBe(401);
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    expect((await h.app.inject({ url: BASE, headers: admin })).statusCode).toBe(401);
    const ok = await h.app.inject({ url: `${BASE}/${MODEL}`, headers: { 'x-api-key': 'key-one' } });
    expect(ok.statusCode).toBe(200);
    // The playground page itself is public: it asks for the key.
    expect((await h.app.inject({ url: '/' })).statusCode).toBe(200);
  });
});

// Contract tests for every endpoint of the serving API, with the real default model and real
// photographs, plus bad input, authentication and the tensor-leak check.
import sharp from 'sharp';
import { photosMissingReason, readPhoto } from '../../helpers/photos';
import { describeWhen } from '../../helpers/requirements';
import { ADMIN_TOKEN, MODEL, startHarness, type Harness } from './harness';

jest.setTimeout(120_000);

interface Det {
  label: string;
  classId: number;
  score: number;
  box: { x: number; y: number; width: number; height: number };
}

describeWhen(photosMissingReason())('serving API with the default model', () => {
  let h: Harness;
  const png = (name: string) => readPhoto(name);
  const detect = (body: Buffer, type = 'image/png', query = '') =>
    h.app.inject({
      method: 'POST',
      url: `/v1/detect${query}`,
      headers: { 'content-type': type },
      payload: body,
    });

  beforeAll(async () => {
    // In-process inference, so the tensor-leak check sees the model's tensors.
    h = await startHarness({ env: {} });
  });
  afterAll(async () => h?.dispose());

  it('finds the astronaut as a person with a box covering her', async () => {
    const res = await detect(png('astronaut.png'));
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      model: { name: string; version: number };
      detections: Det[];
      timings: Record<string, number>;
    };
    expect(body.model).toEqual({ name: MODEL, version: 1 });
    const person = body.detections.find((d) => d.label === 'person')!;
    expect(person.score).toBeGreaterThanOrEqual(0.5);
    // The astronaut fills most of the left two thirds of the 512×512 photo.
    expect(person.box.x).toBeLessThan(60);
    expect(person.box.x + person.box.width).toBeGreaterThan(300);
    expect(person.box.height).toBeGreaterThan(400);
    expect(body.timings.inferenceMs).toBeGreaterThan(0);
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it.each([
    ['coffee.png', 'cup'],
    ['motorcycle_left.png', 'motorcycle'],
  ])('detects the main object of %s as %s with boxes in original pixels', async (file, label) => {
    const meta = await sharp(png(file)).metadata();
    const res = await detect(png(file));
    const dets = (res.json() as { detections: Det[] }).detections;
    const best = dets.find((d) => d.label === label)!;
    expect(best).toBeDefined();
    expect(best.box.x + best.box.width).toBeLessThanOrEqual(meta.width!);
    expect(best.box.y + best.box.height).toBeLessThanOrEqual(meta.height!);
  });

  it('accepts JPEG, WebP, multipart uploads and honours threshold/maxDetections', async () => {
    const jpeg = await sharp(png('coffee.png')).jpeg().toBuffer();
    const webp = await sharp(png('coffee.png')).webp().toBuffer();
    expect((await detect(jpeg, 'image/jpeg')).statusCode).toBe(200);
    expect((await detect(webp, 'image/webp')).statusCode).toBe(200);
    const boundary = 'xBOUNDARYx';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const multi = await h.app.inject({
      method: 'POST',
      url: '/v1/detect',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(multi.statusCode).toBe(200);
    const strict = (
      await detect(png('coffee.png'), 'image/png', '?threshold=0.99&maxDetections=1')
    ).json() as { detections: Det[] };
    expect(strict.detections).toHaveLength(0);
    const one = (
      await detect(png('coffee.png'), 'image/png', '?threshold=0.05&maxDetections=1')
    ).json() as { detections: Det[] };
    expect(one.detections).toHaveLength(1);
  });

  it('applies EXIF orientation: boxes come back in the rotated frame', async () => {
    const rotated = await sharp(png('motorcycle_left.png'))
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const res = await detect(rotated, 'image/jpeg');
    const body = res.json() as { image: { width: number; height: number } };
    expect(body.image).toEqual({ width: 500, height: 741 });
  });

  it.each([
    ['a truncated PNG', () => png('astronaut.png').subarray(0, 4000), 'image/png', 422],
    ['an empty body', () => Buffer.alloc(0), 'image/png', 422],
    ['text sent as an image', () => Buffer.from('hello, not an image'), 'image/jpeg', 422],
    ['a wrong content type', () => png('astronaut.png'), 'text/plain', 415],
    [
      'a GIF',
      () => Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
      'image/gif',
      415,
    ],
  ])('rejects %s with a JSON 4xx', async (_name, body, type, status) => {
    const res = await detect(body(), type);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ error: expect.any(String), message: expect.any(String) });
  });

  it('rejects huge declared dimensions (decompression bomb) with 413', async () => {
    const bomb = await sharp({
      create: { width: 10_000, height: 10_000, channels: 3, background: '#000' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const res = await detect(bomb);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('payload_too_large');
  });

  it('rejects bad query parameters naming them', async () => {
    const res = await detect(png('coffee.png'), 'image/png', '?threshold=abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/threshold/);
    expect((await detect(png('coffee.png'), 'image/png', '?model=nope')).statusCode).toBe(404);
    expect((await detect(png('coffee.png'), 'image/png', '?version=7')).statusCode).toBe(404);
  });

  it('serves TF Serving predict and status', async () => {
    const b64 = png('astronaut.png').toString('base64');
    for (const url of [`/v1/models/${MODEL}:predict`, `/v1/models/${MODEL}/versions/1:predict`]) {
      const res = await h.app.inject({ method: 'POST', url, payload: { instances: [{ b64 }] } });
      expect(res.statusCode).toBe(200);
      const p = res.json().predictions[0];
      expect(p.detection_labels[0]).toBe('person');
      expect(p.detection_boxes[0]).toHaveLength(4);
      expect(Math.max(...p.detection_boxes[0])).toBeLessThanOrEqual(1);
    }
    const bad = await h.app.inject({
      method: 'POST',
      url: `/v1/models/${MODEL}:predict`,
      payload: { instances: [{ b64: '@@@' }] },
    });
    expect(bad.statusCode).toBe(400);
    const status = await h.app.inject({ url: `/v1/models/${MODEL}` });
    expect(status.json().model_version_status).toEqual([
      { version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } },
    ]);
  });

  it('serves the Open Inference Protocol v2', async () => {
    expect((await h.app.inject({ url: '/v2/health/live' })).statusCode).toBe(200);
    expect((await h.app.inject({ url: '/v2/health/ready' })).statusCode).toBe(200);
    const meta = (await h.app.inject({ url: `/v2/models/${MODEL}` })).json();
    expect(meta.versions).toEqual(['1']);
    expect((await h.app.inject({ url: `/v2/models/${MODEL}/versions/1` })).statusCode).toBe(200);
    const data = [png('astronaut.png').toString('base64'), png('coffee.png').toString('base64')];
    const res = await h.app.inject({
      method: 'POST',
      url: `/v2/models/${MODEL}/infer`,
      payload: { id: 'r1', inputs: [{ name: 'image', datatype: 'BYTES', shape: [2], data }] },
    });
    expect(res.statusCode).toBe(200);
    const out = Object.fromEntries(
      (res.json().outputs as { name: string; data: unknown[] }[]).map((o) => [o.name, o.data]),
    );
    expect(res.json().id).toBe('r1');
    expect(out.num_detections).toHaveLength(2);
    expect(out.detection_labels).toContain('person');
    const wrong = await h.app.inject({
      method: 'POST',
      url: `/v2/models/${MODEL}/infer`,
      payload: { inputs: [{ name: 'image', datatype: 'FP32', shape: [1], data: [1] }] },
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('exposes health, readiness, metrics, OpenAPI and docs', async () => {
    expect((await h.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await h.app.inject({ url: '/readyz' })).json().ready).toBe(true);
    const metrics = (await h.app.inject({ url: '/metrics' })).body;
    for (const name of [
      'mlops_serving_http_requests_total',
      'mlops_serving_inference_duration_seconds_bucket',
      'mlops_serving_detections_total{model="centernet-coco",version="1",class="person"}',
      'mlops_serving_model_version_info{model="centernet-coco",version="1"} 1',
      'mlops_serving_input_image_pixels_bucket',
    ]) {
      expect(metrics).toContain(name);
    }
    const doc = (await h.app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/detect', '/v2/models/{name}/infer']),
    );
    const docs = await h.app.inject({ url: '/docs' });
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.body).toContain('/v1/detect');
    expect(docs.body).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    expect(docs.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps admin endpoints behind the admin token', async () => {
    expect((await h.app.inject({ url: '/admin/models' })).statusCode).toBe(401);
    const wrong = await h.app.inject({
      url: '/admin/models',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await h.app.inject({
      url: '/admin/models',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('leaks no tensors across requests, including failed ones', async () => {
    await detect(png('coffee.png'));
    const before = await h.engine.memory();
    await Promise.all([
      detect(png('coffee.png')),
      detect(png('astronaut.png')),
      detect(Buffer.from('x')),
    ]);
    await h.app.inject({
      method: 'POST',
      url: `/v1/models/${MODEL}:predict`,
      payload: { instances: [{ b64: png('coffee.png').toString('base64') }] },
    });
    expect(await h.engine.memory()).toBe(before);
  });
});

describeWhen(photosMissingReason())('serving API with API keys', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { MLOPS_API_KEYS: 'key-one,key-two' } });
  });
  afterAll(async () => h?.dispose());

  it('requires a key for inference but not for health', async () => {
    const payload = readPhoto('coffee.png');
    const headers = { 'content-type': 'image/png' };
    expect(
      (await h.app.inject({ method: 'POST', url: '/v1/detect', headers, payload })).statusCode,
    ).toBe(401);
    const viaHeader = await h.app.inject({
      method: 'POST',
      url: '/v1/detect',
      headers: { ...headers, 'x-api-key': 'key-two' },
      payload,
    });
    expect(viaHeader.statusCode).toBe(200);
    const viaBearer = await h.app.inject({
      method: 'POST',
      url: '/v1/detect',
      headers: { ...headers, authorization: 'Bearer key-one' },
      payload,
    });
    expect(viaBearer.statusCode).toBe(200);
    expect((await h.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

// TF Serving's REST API over a real socket, with requests built exactly as its documentation
// shows them (row `instances` and columnar `inputs`, binary values as {"b64": …}), and the
// status and metadata answers shaped as TF Serving returns them. No maintained client library
// exists for the REST API (tensorflow-serving-api on PyPI is gRPC only), so plain HTTP it is.
import { photosMissingReason, readPhoto } from '../../helpers/photos';
import { describeWhen } from '../../helpers/requirements';
import { MODEL, startHarness, type Harness } from './harness';

jest.setTimeout(120_000);

describeWhen(photosMissingReason())('TF Serving REST API', () => {
  let h: Harness;
  let base: string;
  const b64 = (name: string) => readPhoto(name).toString('base64');
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, never> };
  };
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, never> };
  };

  beforeAll(async () => {
    h = await startHarness();
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(h.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => h?.dispose());

  it('answers the row format with one prediction per instance', async () => {
    const r = await post(`/v1/models/${MODEL}:predict`, {
      signature_name: 'serving_default',
      instances: [{ b64: b64('astronaut.png') }, { image_bytes: { b64: b64('coffee.png') } }],
    });
    expect(r.status).toBe(200);
    const [astronaut, coffee] = r.body.predictions as {
      detection_labels: string[];
      detection_boxes: number[][];
      num_detections: number;
    }[];
    expect(astronaut.detection_labels).toContain('person');
    expect(coffee.detection_labels).toContain('cup');
    expect(coffee.detection_boxes).toHaveLength(coffee.num_detections);
    for (const box of astronaut.detection_boxes) {
      const [ymin, xmin, ymax, xmax] = box;
      expect(0 <= ymin && ymin < ymax && ymax <= 1 && 0 <= xmin && xmin < xmax && xmax <= 1).toBe(
        true,
      );
    }
  });

  it('answers the columnar format (named or not) with one list per output', async () => {
    const row = await post(`/v1/models/${MODEL}/versions/1:predict`, {
      instances: [{ b64: b64('astronaut.png') }, { b64: b64('coffee.png') }],
    });
    for (const inputs of [
      { image_bytes: [{ b64: b64('astronaut.png') }, { b64: b64('coffee.png') }] },
      [{ b64: b64('astronaut.png') }, { b64: b64('coffee.png') }],
    ]) {
      const r = await post(`/v1/models/${MODEL}/versions/1:predict`, { inputs });
      expect(r.status).toBe(200);
      const outputs = r.body.outputs as Record<string, unknown[]>;
      const predictions = row.body.predictions as Record<string, unknown>[];
      for (const key of Object.keys(predictions[0]))
        expect(outputs[key]).toEqual(predictions.map((p) => p[key]));
    }
  });

  it('reports version status and the signature as TF Serving does', async () => {
    const status = await get(`/v1/models/${MODEL}/versions/1`);
    expect(status.body).toEqual({
      model_version_status: [
        { version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } },
      ],
    });
    const meta = await get(`/v1/models/${MODEL}/metadata`);
    expect(meta.status).toBe(200);
    expect(meta.body.model_spec).toEqual({ name: MODEL, signature_name: '', version: '1' });
    const sig = (meta.body.metadata as { signature_def: { signature_def: Record<string, never> } })
      .signature_def.signature_def.serving_default as {
      inputs: Record<string, { dtype: string }>;
      outputs: Record<string, unknown>;
      method_name: string;
    };
    expect(sig.inputs.image_bytes.dtype).toBe('DT_STRING');
    expect(Object.keys(sig.outputs).sort()).toEqual([
      'detection_boxes',
      'detection_classes',
      'detection_labels',
      'detection_scores',
      'num_detections',
    ]);
    expect(sig.method_name).toBe('tensorflow/serving/predict');
  });

  it('answers errors as {"error": message} with the right status', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      [`/v1/models/${MODEL}:predict`, { instances: [{ b64: '@@@' }] }, 400, /base64/],
      [`/v1/models/${MODEL}:predict`, { inputs: { other: [] } }, 400, /image_bytes/],
      [`/v1/models/${MODEL}:predict`, { instances: [], inputs: [] }, 400, /not both/],
      [
        `/v1/models/${MODEL}:predict`,
        { instances: [{ b64: 'AAAA' }], signature_name: 'x' },
        400,
        /signature/,
      ],
      [`/v1/models/nope:predict`, { instances: [{ b64: b64('coffee.png') }] }, 404, /nope/],
    ];
    for (const [path, body, status, message] of cases) {
      const r = await post(path, body);
      expect({ status: r.status, keys: Object.keys(r.body) }).toEqual({ status, keys: ['error'] });
      expect(r.body.error).toMatch(message);
    }
    const missing = await get('/v1/models/nope/metadata');
    expect(missing).toEqual({ status: 404, body: { error: expect.stringContaining('nope') } });
  });
});

// The Open Inference Protocol v2 endpoint called by the clients people use, over a real socket:
// Triton's own HTTP client (tritonclient.http: JSON without a Content-Type, the binary tensor
// data extension for inputs and outputs), KServe's v2 REST client, and Triton's gRPC client on
// the gRPC port, all from PyPI.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ensurePhotos, photosMissingReason } from '../../helpers/photos';
import { pythonTool } from '../../helpers/python-tools';
import { describeWhen } from '../../helpers/requirements';
import { MODEL, startHarness, type Harness } from './harness';

jest.setTimeout(300_000);

const clients = pythonTool('setup-python-clients.sh');
const CLIENTS_DIR = path.resolve(__dirname, '..', '..', 'clients');
const PHOTOS = ['astronaut.png', 'coffee.png'];

interface Summary {
  model_version?: string;
  id?: string;
  num_detections: number[];
  labels: string[][];
  boxes_shape?: number[] | null;
  binary_outputs?: string[];
}

async function runClient(script: string, target: string): Promise<Record<string, unknown>> {
  const photos = PHOTOS.map((p) => path.join(ensurePhotos().dir as string, p));
  const { stdout } = await promisify(execFile)(
    clients.path as string,
    [path.join(CLIENTS_DIR, script), target, MODEL, ...photos],
    { maxBuffer: 16 << 20, timeout: 240_000 },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** The astronaut photo holds a person, the coffee photo a cup, with as many labels as counted. */
function expectPhotosDetected(s: Summary): void {
  expect(s.num_detections).toHaveLength(2);
  expect(s.labels).toHaveLength(2);
  s.labels.forEach((row, i) => {
    expect(row.filter((l) => l !== '')).toHaveLength(s.num_detections[i]);
  });
  expect(s.labels[0]).toContain('person');
  expect(s.labels[1]).toContain('cup');
}

describeWhen(photosMissingReason() ?? clients.missing)('OIP v2 with its real clients', () => {
  let h: Harness;
  let port: number;
  let grpcPort: number;

  beforeAll(async () => {
    h = await startHarness();
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    port = (h.app.server.address() as { port: number }).port;
    grpcPort = await h.grpc.listen('127.0.0.1', 0);
  });
  afterAll(async () => h?.dispose());

  it('tritonclient.http: health, metadata, JSON and binary infer, protocol errors', async () => {
    const r = (await runClient('triton_http.py', `127.0.0.1:${port}`)) as Record<string, never>;
    expect([r.live, r.ready, r.model_ready]).toEqual([true, true, true]);
    expect(r.server_metadata).toMatchObject({ extensions: ['binary_tensor_data'] });
    expect(r.model_metadata).toMatchObject({
      name: MODEL,
      versions: ['1'],
      inputs: [{ name: 'image', datatype: 'BYTES' }],
    });

    const binary = r.binary_in_binary_out as Summary;
    expectPhotosDetected(binary);
    expect(binary).toMatchObject({ model_version: '1', id: 't1' });
    expect(binary.binary_outputs).toHaveLength(5);
    expect(binary.boxes_shape).toEqual([2, Math.max(...binary.num_detections), 4]);

    const json = r.json_in_json_out as Summary;
    expect(json.binary_outputs).toEqual([]);
    expect({ ...json, id: undefined }).toEqual({ ...binary, id: undefined, binary_outputs: [] });
    expect((r.binary_in_json_out as Summary).labels).toEqual(binary.labels);

    const mixed = r.mixed_outputs as Summary;
    expect(mixed.binary_outputs).toEqual(['num_detections']);
    expect(mixed.boxes_shape).toBeNull();
    expect(mixed.labels).toEqual(binary.labels);

    const errors = r.errors as Record<string, { status: string; message: string } | null>;
    expect(errors.unknown_model).toEqual({
      status: '404',
      message: expect.stringContaining('no-such-model'),
    });
    expect(errors.wrong_input_name).toEqual({
      status: '400',
      message: expect.stringContaining('"image"'),
    });
    expect(errors.wrong_datatype).toEqual({
      status: '400',
      message: expect.stringContaining('BYTES'),
    });
    expect(errors.unknown_output).toEqual({
      status: '400',
      message: expect.stringContaining('num_detections'),
    });
  });

  it("KServe's v2 REST client: health, JSON and binary infer, protocol errors", async () => {
    const r = (await runClient('kserve_rest.py', `http://127.0.0.1:${port}`)) as Record<
      string,
      never
    >;
    expect([r.live, r.ready, r.model_ready]).toEqual([true, true, true]);
    const json = r.json as Summary;
    expectPhotosDetected(json);
    expect(json.id).toBe('k1');
    expect((r.binary as Summary).labels).toEqual(json.labels);
    expect((r.binary_outputs as Summary).num_detections).toEqual(json.num_detections);
    expect((r.binary_outputs as Summary).labels).toEqual(json.labels);
    expect(r.errors).toEqual({
      unknown_model: { status: 404, body: { error: expect.stringContaining('no-such-model') } },
    });
  });

  it('tritonclient.grpc: health, metadata, infer (all or chosen outputs), status codes', async () => {
    const r = (await runClient('triton_grpc.py', `127.0.0.1:${grpcPort}`)) as Record<string, never>;
    expect([r.live, r.ready, r.model_ready]).toEqual([true, true, true]);
    expect(r.server_metadata).toMatchObject({ extensions: ['binary_tensor_data'] });
    expect(r.model_metadata).toMatchObject({
      name: MODEL,
      versions: ['1'],
      inputs: [{ name: 'image', datatype: 'BYTES', shape: ['-1'] }],
    });
    const all = r.infer as Summary & { outputs: string[] };
    expectPhotosDetected(all);
    expect(all).toMatchObject({ model_version: '1', id: 'g1' });
    expect(all.outputs).toHaveLength(5);
    expect(all.boxes_shape).toEqual([2, Math.max(...all.num_detections), 4]);
    expect((r.infer_version_1 as Summary).labels).toEqual([all.labels[0].slice(0, 1)]);
    const two = r.two_outputs as Summary & { outputs: string[] };
    expect(two.outputs).toEqual(['num_detections', 'detection_labels']);
    expect(two.labels).toEqual(all.labels);
    const errors = r.errors as Record<string, { status: string; message: string }>;
    expect(errors.unknown_model).toEqual({
      status: 'StatusCode.NOT_FOUND',
      message: expect.stringContaining('no-such-model'),
    });
    expect(errors.wrong_input_name.status).toBe('StatusCode.INVALID_ARGUMENT');
    expect(errors.not_an_image.status).toBe('StatusCode.INVALID_ARGUMENT');
  });
});

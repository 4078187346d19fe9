// Open Inference Protocol v2 (KServe): model metadata/readiness and infer. Images travel as a
// BYTES input of base64 strings; detections come back as padded tensors plus a count per image.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { inferenceAuth } from '../auth';
import { badRequest, notFound } from '../errors';
import type { DetectResponse } from '../inference/detect-service';
import { tagReply } from './detect';
import { decodeBase64Image } from './encode';
import { parseVersion } from './query';

interface InferBody {
  id?: unknown;
  inputs?: { name?: unknown; datatype?: unknown; shape?: unknown; data?: unknown }[];
  parameters?: { threshold?: unknown; max_detections?: unknown; label?: unknown };
}

type Params = { name: string; version?: string };

function outputs(results: DetectResponse[]) {
  const k = Math.max(0, ...results.map((r) => r.detections.length));
  const pad = <T>(values: T[], fill: T): T[] => [
    ...values,
    ...Array<T>(k - values.length).fill(fill),
  ];
  const shape = [results.length, k];
  return [
    {
      name: 'num_detections',
      datatype: 'INT32',
      shape: [results.length],
      data: results.map((r) => r.detections.length),
    },
    {
      name: 'detection_boxes',
      datatype: 'FP32',
      shape: [...shape, 4],
      data: results.flatMap((r) =>
        pad(
          r.detections.map((d) => [d.box.x, d.box.y, d.box.width, d.box.height]),
          [0, 0, 0, 0],
        ).flat(),
      ),
    },
    {
      name: 'detection_scores',
      datatype: 'FP32',
      shape,
      data: results.flatMap((r) =>
        pad(
          r.detections.map((d) => d.score),
          0,
        ),
      ),
    },
    {
      name: 'detection_classes',
      datatype: 'INT32',
      shape,
      data: results.flatMap((r) =>
        pad(
          r.detections.map((d) => d.classId),
          -1,
        ),
      ),
    },
    {
      name: 'detection_labels',
      datatype: 'BYTES',
      shape,
      data: results.flatMap((r) =>
        pad(
          r.detections.map((d) => d.label),
          '',
        ),
      ),
    },
  ];
}

export function registerKserveRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/v2', async () => ({ name: 'mlops-stack-serving', version: '1', extensions: [] }));

  const metadata = async (p: Params) => {
    const version = parseVersion(p.version);
    const versions = deps.manager.metadata(p.name, version);
    if (versions.length === 0)
      throw notFound(`model ${p.name}${version ? ` version ${version}` : ''} is not loaded`);
    const m = versions[versions.length - 1];
    return {
      name: p.name,
      versions: versions.map((v) => String(v.version)),
      platform: m.format === 'tf-saved-model' ? 'tensorflow_savedmodel' : 'tensorflowjs_graph',
      inputs: [{ name: 'image', datatype: 'BYTES', shape: [-1] }],
      outputs: outputs([]).map(({ name, datatype, shape }) => ({
        name,
        datatype,
        shape: shape.map(() => -1),
      })),
    };
  };
  app.get<{ Params: Params }>('/v2/models/:name', async (req) => metadata(req.params));
  app.get<{ Params: Params }>('/v2/models/:name/versions/:version', async (req) =>
    metadata(req.params),
  );
  const ready = async (p: Params) => ({
    name: p.name,
    ready: deps.manager.metadata(p.name, parseVersion(p.version)).length > 0,
  });
  app.get<{ Params: Params }>('/v2/models/:name/ready', async (req) => ready(req.params));
  app.get<{ Params: Params }>('/v2/models/:name/versions/:version/ready', async (req) =>
    ready(req.params),
  );

  const infer = async (p: Params, body: InferBody | undefined) => {
    const input = Array.isArray(body?.inputs) ? body.inputs[0] : undefined;
    if (
      !input ||
      input.datatype !== 'BYTES' ||
      !Array.isArray(input.data) ||
      input.data.length === 0
    ) {
      throw badRequest(
        'inputs[0] must be {"name": "image", "datatype": "BYTES", "shape": [n], "data": ["<base64>", …]}',
      );
    }
    if (input.data.length > 32) throw badRequest('at most 32 images per request');
    const shape = input.shape;
    if (
      shape !== undefined &&
      (!Array.isArray(shape) || shape.length !== 1 || shape[0] !== input.data.length)
    ) {
      throw badRequest(`inputs[0].shape must be [${input.data.length}] (one entry per image)`);
    }
    const params = body?.parameters ?? {};
    const num = (v: unknown, key: string) => {
      if (v !== undefined && typeof v !== 'number')
        throw badRequest(`parameters.${key} must be a number`);
      return v;
    };
    const images = input.data.map((d, i) => decodeBase64Image(d, `inputs[0].data[${i}]`));
    const version = parseVersion(p.version);
    const label =
      typeof params.label === 'string' && version === undefined ? params.label : undefined;
    const results = await deps.detect.detectMany({
      model: p.name,
      version,
      label,
      images,
      threshold: num(params.threshold, 'threshold'),
      maxDetections: num(params.max_detections, 'max_detections'),
    });
    return {
      results,
      response: {
        model_name: p.name,
        model_version: String(results[0].model.version),
        id: typeof body?.id === 'string' ? body.id : undefined,
        outputs: outputs(results),
      },
    };
  };
  const opts = { preHandler: inferenceAuth(deps.apiKeys) };
  for (const path of ['/v2/models/:name/infer', '/v2/models/:name/versions/:version/infer']) {
    app.post<{ Params: Params; Body: InferBody }>(path, opts, async (req, reply) => {
      const { results, response } = await infer(req.params, req.body);
      tagReply(reply, results[0]);
      return response;
    });
  }
}

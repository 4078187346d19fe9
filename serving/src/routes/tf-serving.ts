// TF Serving REST compatibility: POST /v1/models/{name}[/versions/{v}|/labels/{l}]:predict with
// {"instances":[{"b64":"…"}]} and GET /v1/models/{name}[/versions/{v}] (version status); errors in
// TF Serving's shape.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { inferenceAuth } from '../auth';
import { badRequest, notFound } from '../errors';
import { tagReply } from './detect';
import { decodeBase64Image } from './encode';
import { parseVersion } from './query';

const PREDICT_PATH = /^([^/:]+)(?:\/versions\/([^/:]+)|\/labels\/([^/:]+))?:predict$/;

function instanceImage(instance: unknown, i: number): Buffer {
  const where = `instances[${i}]`;
  if (typeof instance === 'object' && instance !== null) {
    const o = instance as Record<string, unknown>;
    if ('b64' in o) return decodeBase64Image(o.b64, `${where}.b64`);
    const bytes = o.image_bytes as Record<string, unknown> | undefined;
    if (bytes && typeof bytes === 'object')
      return decodeBase64Image(bytes.b64, `${where}.image_bytes.b64`);
  }
  throw badRequest(`${where} must be {"b64": "<base64 image>"}`);
}

export function registerTfServingRoutes(app: FastifyInstance, deps: AppDeps): void {
  // TF Serving's REST API answers errors as {"error": "<message>"}.
  const config = { protocolErrors: true };
  app.post<{ Params: { '*': string } }>(
    '/v1/models/*',
    { config, preHandler: inferenceAuth(deps.apiKeys) },
    async (req, reply) => {
      const m = PREDICT_PATH.exec(req.params['*']);
      if (!m) throw notFound('use POST /v1/models/{name}[/versions/{v}|/labels/{l}]:predict');
      const [, model, rawVersion, label] = m;
      const version = parseVersion(rawVersion);
      const body = req.body as { instances?: unknown } | undefined;
      if (!body || !Array.isArray(body.instances) || body.instances.length === 0) {
        throw badRequest('the body must be {"instances": [{"b64": "<base64 image>"}, …]}');
      }
      if (body.instances.length > 32) throw badRequest('at most 32 instances per request');
      const images = body.instances.map(instanceImage);
      const results = await deps.detect.detectMany({ model, version, label, images });
      tagReply(reply, results[0]);
      return {
        predictions: results.map((r) => ({
          // TF Object Detection API convention: [ymin, xmin, ymax, xmax] normalised to the image.
          detection_boxes: r.detections.map((d) => [
            d.box.y / r.image.height,
            d.box.x / r.image.width,
            (d.box.y + d.box.height) / r.image.height,
            (d.box.x + d.box.width) / r.image.width,
          ]),
          detection_scores: r.detections.map((d) => d.score),
          detection_classes: r.detections.map((d) => d.classId),
          detection_labels: r.detections.map((d) => d.label),
          num_detections: r.detections.length,
        })),
      };
    },
  );

  const status = async (name: string, version?: number) => {
    const versions = deps.manager.metadata(name, version);
    if (versions.length === 0)
      throw notFound(`model ${name}${version ? ` version ${version}` : ''} is not loaded`);
    return {
      model_version_status: versions.map((v) => ({
        version: String(v.version),
        state: 'AVAILABLE',
        status: { error_code: 'OK', error_message: '' },
      })),
    };
  };
  app.get<{ Params: { name: string } }>('/v1/models/:name', { config }, async (req) =>
    status(req.params.name),
  );
  app.get<{ Params: { name: string; version: string } }>(
    '/v1/models/:name/versions/:version',
    { config },
    async (req) => status(req.params.name, parseVersion(req.params.version)),
  );
}

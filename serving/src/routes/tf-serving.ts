// TF Serving REST compatibility: POST /v1/models/{name}[/versions/{v}|/labels/{l}]:predict in the
// row (`instances`) or columnar (`inputs`) format, GET /v1/models/{name}[/versions/{v}] (version
// status) and …/metadata (the signature); errors in TF Serving's shape, {"error": "…"}.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { inferenceAuth } from '../auth';
import { notFound } from '../errors';
import { parsePredictRequest } from '../tf-serving/request';
import { modelMetadataResponse, predictResponse } from '../tf-serving/response';
import { tagReply } from './detect';
import { parseVersion } from './query';

const PREDICT_PATH = /^([^/:]+)(?:\/versions\/([^/:]+)|\/labels\/([^/:]+))?:predict$/;

type Params = { name: string; version?: string };

export function registerTfServingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const config = { protocolErrors: true };
  app.post<{ Params: { '*': string } }>(
    '/v1/models/*',
    { config, preHandler: inferenceAuth(deps.apiKeys) },
    async (req, reply) => {
      const m = PREDICT_PATH.exec(req.params['*']);
      if (!m) throw notFound('use POST /v1/models/{name}[/versions/{v}|/labels/{l}]:predict');
      const [, model, rawVersion, label] = m;
      const version = parseVersion(rawVersion);
      const { images, format } = parsePredictRequest(req.body);
      const results = await deps.detect.detectMany({ model, version, label, images });
      tagReply(reply, results[0]);
      return predictResponse(results, format);
    },
  );

  const loaded = (p: Params) => {
    const version = parseVersion(p.version);
    const versions = deps.manager.metadata(p.name, version);
    if (versions.length === 0)
      throw notFound(`model ${p.name}${version ? ` version ${version}` : ''} is not loaded`);
    return versions;
  };
  for (const base of ['/v1/models/:name', '/v1/models/:name/versions/:version']) {
    app.get<{ Params: Params }>(base, { config }, async (req) => ({
      model_version_status: loaded(req.params).map((v) => ({
        version: String(v.version),
        state: 'AVAILABLE',
        status: { error_code: 'OK', error_message: '' },
      })),
    }));
    app.get<{ Params: Params }>(`${base}/metadata`, { config }, async (req) => {
      const versions = loaded(req.params);
      return modelMetadataResponse(req.params.name, versions[versions.length - 1].version);
    });
  }
}

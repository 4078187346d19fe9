// Open Inference Protocol v2 (KServe, Triton) over HTTP: server and model metadata/readiness and
// infer, with the binary tensor data extension. Errors take the protocol's shape,
// `{"error": "<message>"}` (route config `protocolErrors`, see app.ts).
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { inferenceAuth } from '../auth';
import { tagReply } from './detect';
import { parseVersion } from './query';
import { modelMetadata, modelReady, serverMetadata } from '../oip/metadata';
import { parseInferRequest } from '../oip/request';
import { runOipInfer } from '../oip/infer';
import { encodeInferResponse, OIP_OUTPUTS } from '../oip/response';

type Params = { name: string; version?: string };

const HEADER_LENGTH = 'inference-header-content-length';
const OUTPUT_NAMES = OIP_OUTPUTS.map((o) => o.name);

export function registerOipRoutes(app: FastifyInstance, deps: AppDeps): void {
  const config = { protocolErrors: true };
  app.get('/v2', { config }, async () => serverMetadata());
  for (const base of ['/v2/models/:name', '/v2/models/:name/versions/:version']) {
    app.get<{ Params: Params }>(base, { config }, async (req) =>
      modelMetadata(deps.manager, req.params.name, req.params.version),
    );
    app.get<{ Params: Params }>(`${base}/ready`, { config }, async (req) => ({
      name: req.params.name,
      ready: modelReady(deps.manager, req.params.name, req.params.version),
    }));
  }

  // Infer bodies are read as bytes whatever their Content-Type (none, JSON or octet-stream):
  // Triton's client sends none, and binary data follows the JSON header.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const opts = { config, preHandler: inferenceAuth(deps.apiKeys) };
    for (const path of ['/v2/models/:name/infer', '/v2/models/:name/versions/:version/infer']) {
      scope.post<{ Params: Params; Body: Buffer }>(path, opts, async (req, reply) => {
        const headerLength = req.headers[HEADER_LENGTH];
        const r = parseInferRequest(
          req.body,
          Array.isArray(headerLength) ? headerLength[0] : headerLength,
          OUTPUT_NAMES,
        );
        const { results, modelVersion, tensors } = await runOipInfer(
          deps.detect,
          req.params.name,
          parseVersion(req.params.version),
          r,
        );
        tagReply(reply, results[0]);
        const head = { model_name: req.params.name, model_version: modelVersion, id: r.id };
        const out = encodeInferResponse(head, tensors, r.outputs, r.binaryOutput);
        if (out.headerLength === undefined) return out.body;
        return reply
          .header(HEADER_LENGTH, String(out.headerLength))
          .type('application/octet-stream')
          .send(out.body);
      });
    }
  });
}

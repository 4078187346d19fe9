// Open Inference Protocol v2 (KServe, Triton) over HTTP: server and model metadata/readiness and
// infer, with the binary tensor data extension. Errors take the protocol's shape,
// `{"error": "<message>"}` (route config `protocolErrors`, see app.ts).
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app';
import { inferenceAuth } from '../../auth';
import { notFound } from '../../errors';
import { tagReply } from '../detect';
import { parseVersion } from '../query';
import { OIP_INPUT, parseInferRequest } from './request';
import { encodeInferResponse, OIP_OUTPUTS, outputTensors } from './response';

type Params = { name: string; version?: string };

const HEADER_LENGTH = 'inference-header-content-length';
/** What `GET /v2` advertises: only what the routes below implement. */
export const OIP_EXTENSIONS = ['binary_tensor_data'] as const;
const OUTPUT_NAMES = OIP_OUTPUTS.map((o) => o.name);

export function registerOipRoutes(app: FastifyInstance, deps: AppDeps): void {
  const config = { protocolErrors: true };
  app.get('/v2', { config }, async () => ({
    name: 'mlops-stack-serving',
    version: '1',
    extensions: OIP_EXTENSIONS,
  }));

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
      inputs: [{ name: OIP_INPUT, datatype: 'BYTES', shape: [-1] }],
      outputs: OIP_OUTPUTS,
    };
  };
  const ready = async (p: Params) => ({
    name: p.name,
    ready: deps.manager.metadata(p.name, parseVersion(p.version)).length > 0,
  });
  for (const base of ['/v2/models/:name', '/v2/models/:name/versions/:version']) {
    app.get<{ Params: Params }>(base, { config }, async (req) => metadata(req.params));
    app.get<{ Params: Params }>(`${base}/ready`, { config }, async (req) => ready(req.params));
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
        const version = parseVersion(req.params.version);
        const results = await deps.detect.detectMany({
          model: req.params.name,
          version,
          label: version === undefined ? r.label : undefined,
          images: r.images,
          threshold: r.threshold,
          maxDetections: r.maxDetections,
        });
        tagReply(reply, results[0]);
        const head = {
          model_name: req.params.name,
          model_version: String(results[0].model.version),
          id: r.id,
        };
        const out = encodeInferResponse(head, outputTensors(results), r.outputs, r.binaryOutput);
        if (out.headerLength === undefined) return out.body;
        return reply
          .header(HEADER_LENGTH, String(out.headerLength))
          .type('application/octet-stream')
          .send(out.body);
      });
    }
  });
}

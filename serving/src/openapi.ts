// The OpenAPI 3.1 document of the serving API, served at /openapi.json and rendered at /docs.
import { SERVING_PATHS } from '../../core/contract';

const json = (schema: object, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const error = json({ $ref: '#/components/schemas/Error' }, 'Error');
const errors = {
  '400': error,
  '401': error,
  '404': error,
  '413': error,
  '415': error,
  '422': error,
  '503': error,
  '504': error,
};
// TF Serving REST and the Open Inference Protocol define their own error body.
const protocolError = json({ $ref: '#/components/schemas/ProtocolError' }, 'Error');
const protocolErrors = Object.fromEntries(Object.keys(errors).map((code) => [code, protocolError]));
const q = (name: string, description: string, type = 'string') => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type },
});
const p = (name: string, type = 'string') => ({
  name,
  in: 'path',
  required: true,
  schema: { type },
});
const obj = { type: 'object' };

export function openApiDocument(version = '0.1.0'): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'mlops-stack serving',
      version,
      description:
        'Object detection on TensorFlow.js: native API, TF Serving REST and Open Inference Protocol v2.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: { error: { type: 'string' }, message: { type: 'string' } },
        },
        ProtocolError: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'string', description: 'the error message' } },
        },
        Detection: {
          type: 'object',
          properties: {
            label: { type: 'string' },
            classId: { type: 'integer' },
            score: { type: 'number' },
            box: {
              type: 'object',
              description: 'original-image pixels',
              properties: {
                x: { type: 'number' },
                y: { type: 'number' },
                width: { type: 'number' },
                height: { type: 'number' },
              },
            },
          },
        },
        DetectResponse: {
          type: 'object',
          properties: {
            model: {
              type: 'object',
              properties: { name: { type: 'string' }, version: { type: 'integer' } },
            },
            image: {
              type: 'object',
              properties: { width: { type: 'integer' }, height: { type: 'integer' } },
            },
            detections: { type: 'array', items: { $ref: '#/components/schemas/Detection' } },
            timings: { type: 'object', additionalProperties: { type: 'number' } },
          },
        },
      },
    },
    security: [{}, { bearer: [] }, { apiKey: [] }],
    paths: {
      [SERVING_PATHS.detect]: {
        post: {
          summary: 'Detect objects in one image',
          parameters: [
            q('model', 'model name (default: the first served model)'),
            q('version', 'model version', 'integer'),
            q('label', 'version label, e.g. stable or canary'),
            q('threshold', 'minimum score 0..1', 'number'),
            q('maxDetections', '1..1000', 'integer'),
          ],
          requestBody: {
            required: true,
            content: {
              'image/jpeg': { schema: { type: 'string', format: 'binary' } },
              'image/png': { schema: { type: 'string', format: 'binary' } },
              'image/webp': { schema: { type: 'string', format: 'binary' } },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: { file: { type: 'string', format: 'binary' } },
                },
              },
            },
          },
          responses: { '200': json({ $ref: '#/components/schemas/DetectResponse' }), ...errors },
        },
      },
      [SERVING_PATHS.registryModels]: {
        get: {
          summary: 'Registry: models with versions, aliases and what this replica serves',
          responses: { '200': json(obj), '401': error },
        },
      },
      [`${SERVING_PATHS.registryModels}/{name}`]: {
        get: {
          summary: 'Registry: versions (newest first) with aliases, metrics, lineage, report files',
          parameters: [p('name')],
          responses: { '200': json(obj), '400': error, '401': error, '404': error },
        },
      },
      [`${SERVING_PATHS.registryModels}/{name}/versions/{version}/report/{file}`]: {
        get: {
          summary: 'Registry: a file of the run report (PR-curve SVG, report.md)',
          parameters: [p('name'), p('version', 'integer'), p('file')],
          responses: {
            '200': {
              description: 'the file',
              content: {
                'image/svg+xml': { schema: { type: 'string' } },
                'text/markdown': { schema: { type: 'string' } },
                'application/json': { schema: obj },
              },
            },
            '400': error,
            '401': error,
            '404': error,
          },
        },
      },
      '/v1/models/{name}': {
        get: {
          summary: 'TF Serving: version status',
          parameters: [p('name')],
          responses: { '200': json(obj), '404': protocolError },
        },
      },
      '/v1/models/{name}/versions/{version}': {
        get: {
          summary: 'TF Serving: status of one version',
          parameters: [p('name'), p('version', 'integer')],
          responses: { '200': json(obj), '404': protocolError },
        },
      },
      '/v1/models/{name}/metadata': {
        get: {
          summary:
            'TF Serving: model metadata (the serving_default signature); also /versions/{v}/metadata',
          parameters: [p('name')],
          responses: { '200': json(obj), '404': protocolError },
        },
      },
      '/v1/models/{name}:predict': {
        post: {
          summary: 'TF Serving predict; also /versions/{v}:predict and /labels/{l}:predict',
          parameters: [p('name')],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  description:
                    'Row format {"instances": [{"b64": …}]} or columnar {"inputs": {"image_bytes": [{"b64": …}]}}',
                  properties: {
                    signature_name: { type: 'string', enum: ['serving_default'] },
                    instances: {
                      type: 'array',
                      items: { type: 'object', properties: { b64: { type: 'string' } } },
                    },
                    inputs: { oneOf: [{ type: 'array' }, { type: 'object' }] },
                  },
                },
              },
            },
          },
          responses: { '200': json(obj), ...protocolErrors },
        },
      },
      '/v2': {
        get: {
          summary: 'Open Inference Protocol: server metadata',
          responses: { '200': json(obj) },
        },
      },
      [SERVING_PATHS.v2Live]: { get: { summary: 'OIP liveness', responses: { '200': json(obj) } } },
      [SERVING_PATHS.v2Ready]: {
        get: { summary: 'OIP readiness', responses: { '200': json(obj), '503': json(obj) } },
      },
      '/v2/models/{name}': {
        get: {
          summary: 'OIP model metadata',
          parameters: [p('name')],
          responses: { '200': json(obj), '404': protocolError },
        },
      },
      '/v2/models/{name}/versions/{version}': {
        get: {
          summary: 'OIP model version metadata',
          parameters: [p('name'), p('version')],
          responses: { '200': json(obj), '404': protocolError },
        },
      },
      '/v2/models/{name}/ready': {
        get: {
          summary: 'OIP model readiness',
          parameters: [p('name')],
          responses: { '200': json(obj) },
        },
      },
      '/v2/models/{name}/infer': {
        post: {
          summary:
            'OIP inference (input "image", BYTES: base64 photos in JSON, or raw photo bytes with the ' +
            'binary tensor data extension and an Inference-Header-Content-Length header; the ' +
            'Content-Type may be absent); also /versions/{version}/infer',
          parameters: [p('name')],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: obj },
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            },
          },
          responses: { '200': json(obj), ...protocolErrors },
        },
      },
      [SERVING_PATHS.live]: { get: { summary: 'Liveness', responses: { '200': json(obj) } } },
      [SERVING_PATHS.ready]: {
        get: {
          summary: 'Readiness: every configured model loaded and warmed',
          responses: { '200': json(obj), '503': json(obj) },
        },
      },
      [SERVING_PATHS.metrics]: {
        get: {
          summary: 'Prometheus metrics',
          responses: { '200': { description: 'text exposition format' } },
        },
      },
      '/admin/models': {
        get: {
          summary: 'Admin: served models, versions and labels',
          security: [{ bearer: [] }],
          responses: { '200': json(obj), '401': error, '403': error },
        },
      },
      '/admin/models/{name}/reload': {
        post: {
          summary: 'Admin: reload from the registry',
          security: [{ bearer: [] }],
          parameters: [p('name')],
          responses: { '200': json(obj), '401': error, '403': error },
        },
      },
      '/admin/models/{name}/labels/{label}': {
        put: {
          summary: 'Admin: point a label at a version (promote/rollback)',
          security: [{ bearer: [] }],
          parameters: [p('name'), p('label')],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', properties: { version: { type: 'integer' } } },
              },
            },
          },
          responses: { '200': json(obj), '400': error, '401': error, '403': error },
        },
      },
      '/admin/models/{name}/versions/{version}': {
        delete: {
          summary: 'Admin: unload a version',
          security: [{ bearer: [] }],
          parameters: [p('name'), p('version', 'integer')],
          responses: { '200': json(obj), '401': error, '403': error, '404': error },
        },
      },
      '/admin/models/{name}/shadow': {
        get: {
          summary: 'Admin: recorded shadow-mode comparisons',
          security: [{ bearer: [] }],
          parameters: [p('name')],
          responses: { '200': json(obj), '401': error, '403': error },
        },
      },
    },
  };
}

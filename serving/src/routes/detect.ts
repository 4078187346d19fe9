// POST /v1/detect: image bytes by Content-Type (JPEG, PNG, WebP) or a multipart file upload;
// answers { model, detections, timings } with boxes in the original image's pixels.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SERVING_PATHS } from '../../../core/contract';
import type { AppDeps } from '../app';
import { inferenceAuth } from '../auth';
import { badRequest, unsupportedMediaType } from '../errors';
import { SUPPORTED_CONTENT_TYPES } from '../../../core/detection/decode';
import type { DetectResponse } from '../inference/detect-service';
import { parseDetectQuery } from './query';

async function imageFromRequest(req: FastifyRequest, reply: FastifyReply): Promise<Buffer> {
  if (req.isMultipart()) {
    // A malformed multipart body (no boundary, broken framing) is the client's error, not a
    // 500. The parser stopped mid-stream, so the connection cannot carry another request.
    const clientError = (err: Error & { statusCode?: number }): never => {
      reply.header('connection', 'close');
      if (err.statusCode && err.statusCode < 500) throw err;
      throw badRequest(`malformed multipart body: ${err.message}`);
    };
    const file = await req.file().catch(clientError);
    if (!file) throw badRequest('the multipart body has no file part');
    if (
      !(SUPPORTED_CONTENT_TYPES as readonly string[]).includes(file.mimetype) &&
      file.mimetype !== 'application/octet-stream'
    ) {
      throw unsupportedMediaType(
        `file type ${file.mimetype} is not image/jpeg, image/png or image/webp`,
      );
    }
    return file.toBuffer().catch(clientError);
  }
  if (!Buffer.isBuffer(req.body)) {
    const type = req.headers['content-type'] ?? 'none';
    throw unsupportedMediaType(
      `Content-Type ${type} is not image/jpeg, image/png, image/webp or multipart/form-data`,
    );
  }
  return req.body;
}

/** Tags the reply with the answering version (metrics labels, and useful to canary clients). */
export function tagReply(reply: FastifyReply, r: Pick<DetectResponse, 'model'>): void {
  reply.header('x-model-version', `${r.model.name}:${r.model.version}`);
}

export function registerDetectRoutes(app: FastifyInstance, deps: AppDeps): void {
  const defaultModel = deps.manager.names()[0];
  app.post(
    SERVING_PATHS.detect,
    { preHandler: inferenceAuth(deps.apiKeys) },
    async (req, reply) => {
      const q = parseDetectQuery(req.query);
      const image = await imageFromRequest(req, reply);
      const r = await deps.detect.detect({ ...q, model: q.model ?? defaultModel, image });
      tagReply(reply, r);
      return {
        model: r.model,
        image: r.image,
        detections: r.detections.map((d) => ({
          label: d.label,
          classId: d.classId,
          score: Math.round(d.score * 1e4) / 1e4,
          box: {
            x: round1(d.box.x),
            y: round1(d.box.y),
            width: round1(d.box.width),
            height: round1(d.box.height),
          },
        })),
        timings: r.timings,
      };
    },
  );
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

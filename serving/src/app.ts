// Builds the HTTP application from its dependencies (tests construct it and use app.inject):
// secure headers, body parsers with limits, one error handler, request metrics and the routes.
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
} from 'fastify';
import { HttpError } from './errors';
import { SUPPORTED_CONTENT_TYPES } from '../../core/detection/decode';
import type { DetectService } from './inference/detect-service';
import type { InferenceScheduler } from './inference/scheduler';
import type { ModelManager } from './manager/model-manager';
import type { ShadowRecorder } from './manager/shadow-recorder';
import type { ServingMetrics } from './metrics';
import type { RegistryReader } from './registry/registry-reader';
import { registerAdminRoutes } from './routes/admin';
import { registerDetectRoutes } from './routes/detect';
import { registerDocsRoutes } from './routes/docs';
import { registerHealthRoutes } from './routes/health';
import { registerOipRoutes } from './routes/oip';
import { registerPlaygroundRoutes } from './routes/playground';
import { registerRegistryRoutes } from './routes/registry';
import { registerTfServingRoutes } from './routes/tf-serving';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route speaks a protocol with an error shape of its own (Open Inference Protocol v2,
     * TF Serving REST): errors are `{ "error": "<message>" }` instead of `{ error, message }`.
     */
    protocolErrors?: boolean;
  }
}

export interface AppDeps {
  readonly manager: ModelManager;
  readonly detect: DetectService;
  readonly scheduler: InferenceScheduler;
  readonly metrics: ServingMetrics;
  readonly shadows: ShadowRecorder;
  /** Read-only registry view (GET /v1/registry/*); those routes are absent without it. */
  readonly registry?: RegistryReader;
  readonly apiKeys: readonly string[];
  readonly adminToken?: string;
  readonly maxBodyBytes: number;
  readonly backend: string;
  /** False while an inference thread is being replaced (readiness turns false). */
  readonly engineReady?: () => boolean;
  /** Set by the server during graceful shutdown: readiness turns false. */
  readonly isShuttingDown?: () => boolean;
  readonly logger?: FastifyBaseLogger;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.maxBodyBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    return503OnClosing: true,
  });
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { 'script-src': ["'self'"] } },
  });
  await app.register(multipart, { limits: { fileSize: deps.maxBodyBytes, files: 1, fields: 10 } });
  const raw = (_req: unknown, body: Buffer, done: (e: Error | null, b?: Buffer) => void) =>
    done(null, body);
  app.addContentTypeParser(
    [...SUPPORTED_CONTENT_TYPES, 'application/octet-stream'],
    { parseAs: 'buffer' },
    raw,
  );

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // While draining, close keep-alive sockets after their response so close() can finish.
    if (deps.isShuttingDown?.()) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const ctx = reply.getHeader('x-model-version');
    const [model = '', version = ''] = typeof ctx === 'string' ? ctx.split(':') : [];
    const labels = { route, method: req.method, status: String(reply.statusCode), model, version };
    deps.metrics.httpRequests.inc(labels);
    deps.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });

  const errorBody = (req: FastifyRequest, code: string, message: string) =>
    req.routeOptions.config?.protocolErrors ? { error: message } : { error: code, message };
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof HttpError) {
      if (err.statusCode === 503) deps.metrics.shedRequests.inc();
      return reply
        .code(err.statusCode)
        .headers(err.headers)
        .send(errorBody(req, err.code, err.message));
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      const code = e.code?.replace(/^FST_ERR_/, '').toLowerCase() ?? 'bad_request';
      return reply.code(e.statusCode).send(errorBody(req, code, e.message));
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody(req, 'internal', 'internal server error'));
  });
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send({ error: 'not_found', message: `no route for ${req.method} ${req.url.split('?')[0]}` }),
  );

  registerHealthRoutes(app, deps);
  registerDetectRoutes(app, deps);
  registerTfServingRoutes(app, deps);
  registerOipRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerDocsRoutes(app, deps);
  if (deps.registry) registerRegistryRoutes(app, deps, deps.registry);
  registerPlaygroundRoutes(app);
  return app;
}

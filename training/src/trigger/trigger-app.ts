// The training trigger webhook: Alertmanager's drift/staleness alerts and manual/CI triggers start
// a pipeline run for a model. Bearer token required; at most one run per model at a time here
// (and across processes by the pipeline's storage lock), so repeated alerts start one run.
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { TRAINING_TRIGGER_PATHS } from '../../../core/contract';
import { createTrainingMetrics, type TrainingMetrics } from './metrics';
import { createRunScheduler, type RunScheduler } from './run-scheduler';

/** Either a scheduler shared with the dataset watcher, or the run function to build one from. */
export type TriggerDeps = {
  readonly token: string;
  /** Exported at /metrics (unauthenticated, like serving's; the NetworkPolicy limits who reaches it). */
  readonly metrics?: TrainingMetrics;
} & (
  | { readonly scheduler: RunScheduler }
  | {
      /** Starts a run and resolves when it finishes; the app does not wait for it. */
      readonly startRun: (model: string, reason: string) => Promise<unknown>;
      readonly onError?: (model: string, error: unknown) => void;
    }
);

interface AlertmanagerPayload {
  alerts?: { status?: string; labels?: Record<string, string> }[];
}

const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export function buildTriggerApp(deps: TriggerDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1 << 20 });
  const expected = Buffer.from(`Bearer ${deps.token}`);
  const authorised = (header: string | undefined): boolean => {
    const got = Buffer.from(header ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  const metrics = deps.metrics ?? createTrainingMetrics();
  const scheduler =
    'scheduler' in deps
      ? deps.scheduler
      : createRunScheduler({
          metrics,
          startRun: (r) => deps.startRun(r.model, r.reason),
          onError: deps.onError,
        });
  const trigger = (model: string, reason: string) =>
    scheduler.trigger(reason.startsWith('alert') ? 'alert' : 'manual', { model, reason });

  app.addHook('onRequest', async (req, reply) => {
    if (req.url === TRAINING_TRIGGER_PATHS.live || req.url === TRAINING_TRIGGER_PATHS.metrics)
      return;
    if (!authorised(req.headers.authorization))
      return reply
        .code(401)
        .send({ error: 'unauthorized', message: 'a valid bearer token is required' });
  });
  app.get(TRAINING_TRIGGER_PATHS.live, async () => ({ status: 'ok' }));
  app.get(TRAINING_TRIGGER_PATHS.metrics, async (_req, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  app.post(TRAINING_TRIGGER_PATHS.manual, async (req, reply) => {
    const body = (req.body ?? {}) as { model?: unknown; reason?: unknown };
    if (typeof body.model !== 'string' || !MODEL_NAME.test(body.model))
      return reply
        .code(400)
        .send({ error: 'bad_request', message: 'body.model must be a model name' });
    const reason = typeof body.reason === 'string' ? body.reason.slice(0, 200) : 'manual';
    const status = trigger(body.model, reason);
    return reply.code(status === 'started' ? 202 : 409).send({ model: body.model, status });
  });
  app.post(TRAINING_TRIGGER_PATHS.alertmanager, async (req, reply) => {
    const alerts = (req.body as AlertmanagerPayload | undefined)?.alerts;
    if (!Array.isArray(alerts))
      return reply.code(400).send({
        error: 'bad_request',
        message: 'body.alerts must be an array (Alertmanager webhook payload)',
      });
    const results: Record<string, string> = {};
    for (const a of alerts) {
      const model = a.labels?.model;
      if (a.status !== 'firing' || !model || !MODEL_NAME.test(model) || results[model]) continue;
      results[model] = trigger(model, `alert ${a.labels?.alertname ?? 'unknown'}`);
    }
    return reply.code(202).send({ triggered: results });
  });
  return app;
}

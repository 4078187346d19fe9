// Liveness, readiness (every configured model loaded and warmed, not shutting down), the KServe
// v2 health endpoints and Prometheus metrics.
import type { FastifyInstance } from 'fastify';
import { SERVING_PATHS } from '../../../core/contract';
import type { AppDeps } from '../app';

/**
 * Every configured model loaded and warm, every inference thread up, not draining. Answered from
 * state the main thread holds: never waits for a model or an inference thread.
 */
export const serviceReady = (
  deps: Pick<AppDeps, 'manager' | 'engineReady' | 'isShuttingDown'>,
): boolean =>
  deps.manager.ready && (deps.engineReady?.() ?? true) && !(deps.isShuttingDown?.() ?? false);

export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const ready = () => serviceReady(deps);
  const readiness = async (_req: unknown, reply: import('fastify').FastifyReply) => {
    const ok = ready();
    return reply.code(ok ? 200 : 503).send({ ready: ok, models: deps.manager.names() });
  };
  app.get(SERVING_PATHS.live, async () => ({ status: 'ok' }));
  app.get(SERVING_PATHS.ready, readiness);
  app.get(SERVING_PATHS.v2Live, async () => ({ live: true }));
  app.get(SERVING_PATHS.v2Ready, readiness);
  app.get(SERVING_PATHS.metrics, async (_req, reply) => {
    deps.metrics.queueDepth.set(deps.scheduler.depth);
    reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}

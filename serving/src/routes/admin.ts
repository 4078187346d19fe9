// Admin endpoints (always behind the admin token): reload from the registry, point a label at a
// version (promote / rollback), unload a version, inspect loaded state and shadow records.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { adminAuth } from '../auth';
import { badRequest } from '../errors';
import { parseVersion } from './query';

type NameParams = { name: string };

export function registerAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const opts = { preHandler: adminAuth(deps.adminToken) };
  app.get('/admin/models', opts, async () => ({
    models: deps.manager.names().map((name) => ({ name, ...deps.manager.routing(name) })),
  }));
  app.post<{ Params: NameParams }>('/admin/models/:name/reload', opts, async (req) => {
    deps.manager.routing(req.params.name); // 404 for unknown models
    await deps.manager.sync(req.params.name);
    return { name: req.params.name, ...deps.manager.routing(req.params.name) };
  });
  app.put<{ Params: NameParams & { label: string }; Body: { version?: unknown } }>(
    '/admin/models/:name/labels/:label',
    opts,
    async (req) => {
      const version = parseVersion(req.body?.version, 'version');
      if (version === undefined)
        throw badRequest('the body must be {"version": <positive integer>}');
      if (!/^[a-z][a-z0-9-]{0,62}$/.test(req.params.label))
        throw badRequest('label must be a lowercase word');
      await deps.manager.setLabel(req.params.name, req.params.label, version);
      return { name: req.params.name, ...deps.manager.routing(req.params.name) };
    },
  );
  app.delete<{ Params: NameParams & { version: string } }>(
    '/admin/models/:name/versions/:version',
    opts,
    async (req) => {
      await deps.manager.unload(req.params.name, parseVersion(req.params.version)!);
      return { name: req.params.name, ...deps.manager.routing(req.params.name) };
    },
  );
  app.get<{ Params: NameParams }>('/admin/models/:name/shadow', opts, async (req) => ({
    records: deps.shadows.list(req.params.name),
  }));
}

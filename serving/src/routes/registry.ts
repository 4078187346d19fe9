// GET /v1/registry/models[/:name[/versions/:version/report/:file]]: a read-only view of the
// model registry for the playground and scripts (versions, aliases, metrics, lineage, the run
// report with its PR-curve SVGs), behind the same API keys as inference.
import type { FastifyInstance } from 'fastify';
import { SERVING_PATHS } from '../../../core/contract';
import type { ModelMetadata } from '../../../core/registry/types';
import { validateName } from '../../../core/storage/keys';
import { NotFoundError } from '../../../core/storage/types';
import type { AppDeps } from '../app';
import { inferenceAuth } from '../auth';
import { badRequest, notFound } from '../errors';
import type { RegistryReader } from '../registry/registry-reader';
import { parseVersion } from './query';

/** Report files live under report/ in a version; only plain names with a known type are served. */
export const REPORT_DIR = 'report/';
const REPORT_FILE = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*\.(svg|md|json)$/i;
const REPORT_TYPES: Readonly<Record<string, string>> = {
  svg: 'image/svg+xml',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

function checkName(name: string): string {
  try {
    return validateName('name', name);
  } catch (err) {
    throw badRequest((err as Error).message);
  }
}

/** The version's summary: what it was trained on, from what, how well it does, its report. */
export function versionSummary(m: ModelMetadata, aliases: readonly string[]) {
  return {
    version: m.version,
    createdAt: m.createdAt,
    format: m.format,
    aliases,
    metrics: m.metrics ?? {},
    perClassAP: m.perClassAP ?? {},
    lineage: {
      dataset: m.dataset ?? null,
      parent: m.parentVersion ?? null,
      runId: m.runId ?? null,
      codeRevision: m.codeRevision ?? null,
    },
    labels: m.processing.labels.length,
    reports: Object.keys(m.files)
      .filter((f) => f.startsWith(REPORT_DIR) && REPORT_FILE.test(f.slice(REPORT_DIR.length)))
      .map((f) => f.slice(REPORT_DIR.length))
      .sort(),
  };
}

/** A version removed between listing and reading (retention, gc) is a 404, not a 500. */
async function orNotFound<T>(p: Promise<T>, message: string): Promise<T> {
  return p.catch((err: unknown) => {
    throw err instanceof NotFoundError ? notFound(message) : err;
  });
}

async function existingVersions(reader: RegistryReader, name: string): Promise<number[]> {
  const versions = await reader.listVersions(checkName(name));
  if (versions.length === 0) throw notFound(`model ${name} is not in the registry`);
  return versions;
}

export function registerRegistryRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  reader: RegistryReader,
): void {
  const opts = { preHandler: inferenceAuth(deps.apiKeys) };
  const served = (name: string) =>
    deps.manager.names().includes(name) ? deps.manager.routing(name) : null;
  const aliasMap = async (name: string) =>
    Object.fromEntries((await reader.listAliases(name)).map((a) => [a.alias, a.version]));

  app.get(SERVING_PATHS.registryModels, opts, async () => {
    const names = [...new Set([...(await reader.listModels()), ...deps.manager.names()])].sort();
    const models = await Promise.all(
      names.map(async (name) => ({
        name,
        versions: await reader.listVersions(name),
        aliases: await aliasMap(name),
        served: served(name),
      })),
    );
    return { models };
  });

  app.get<{ Params: { name: string } }>(
    `${SERVING_PATHS.registryModels}/:name`,
    opts,
    async (req) => {
      const { name } = req.params;
      const versions = await existingVersions(reader, name);
      const aliases = await aliasMap(name);
      const summaries = await Promise.all(
        versions.map(async (v) =>
          versionSummary(
            await orNotFound(reader.getMetadata(name, v), `model ${name} version ${v} is gone`),
            Object.keys(aliases).filter((a) => aliases[a] === v),
          ),
        ),
      );
      return { name, aliases, served: served(name), versions: summaries.reverse() };
    },
  );

  app.get<{ Params: { name: string; version: string; file: string } }>(
    `${SERVING_PATHS.registryModels}/:name/versions/:version/report/:file`,
    opts,
    async (req, reply) => {
      const { name, file } = req.params;
      const version = parseVersion(req.params.version)!;
      const ext = REPORT_FILE.exec(file)?.[2]?.toLowerCase();
      if (!ext) throw badRequest(`file: ${JSON.stringify(file)} is not a report file name`);
      if (!(await existingVersions(reader, name)).includes(version))
        throw notFound(`model ${name} has no version ${version}`);
      const gone = `model ${name} version ${version} has no report file ${file}`;
      const meta = await orNotFound(reader.getMetadata(name, version), gone);
      if (!Object.prototype.hasOwnProperty.call(meta.files, REPORT_DIR + file))
        throw notFound(gone);
      const body = await orNotFound(reader.readFile(name, version, REPORT_DIR + file), gone);
      return reply
        .type(REPORT_TYPES[ext])
        .header('cache-control', 'private, max-age=3600, immutable')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(body);
    },
  );
}

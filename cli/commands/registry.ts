// `mlops registry list | show | promote | rollback | diff | import | gc`: inspect and change the
// model registry (file:// or s3://, from --registry or MLOPS_REGISTRY_URI). Tables for people,
// --json for scripts; exit codes 2 bad argument, 3 not found, 4 conflict.
import * as path from 'node:path';
import type { Command } from 'commander';
import type { ModelMetadataInput, ModelRegistry } from '../../core/registry/model-registry';
import { validateName } from '../../core/storage/keys';
import { CliError } from '../errors';
import { num, printJson, printTable } from '../format/table';
import { durationMs, mapped, positiveInt } from '../registry/errors';
import { openRegistry } from '../registry/location';
import { readDirFiles, readJsonFile } from '../registry/read-dir';

interface Common {
  registry?: string;
  json?: boolean;
}

/** "3" → version 3; anything else is an alias name. */
async function versionOf(
  registry: ModelRegistry,
  model: string,
  ref: string | undefined,
): Promise<number> {
  validateName('model', model);
  if (ref === undefined) return registry.resolve(model);
  return /^\d+$/.test(ref)
    ? registry.resolve(model, { version: Number(ref) })
    : registry.resolve(model, { alias: ref });
}

async function list(model: string | undefined, o: Common): Promise<void> {
  const registry = openRegistry(o.registry);
  if (model === undefined) {
    const rows = [];
    for (const name of await registry.listModels()) {
      const versions = await registry.listVersions(name);
      const aliases = await registry.listAliases(name);
      rows.push({
        name,
        versions,
        latest: versions[versions.length - 1],
        aliases: Object.fromEntries(aliases.map((a) => [a.alias, a.version])),
      });
    }
    if (o.json) return printJson(rows);
    return printTable(
      ['MODEL', 'VERSIONS', 'LATEST', 'ALIASES'],
      rows.map((r) => [
        r.name,
        String(r.versions.length),
        String(r.latest),
        Object.entries(r.aliases)
          .map(([a, v]) => `${a}=${v}`)
          .join(', ') || '-',
      ]),
    );
  }
  validateName('model', model);
  const aliases = await registry.listAliases(model);
  const rows = [];
  for (const version of await registry.listVersions(model)) {
    const m = await registry.getMetadata(model, version);
    rows.push({
      version,
      createdAt: m.createdAt,
      format: m.format,
      metrics: m.metrics ?? {},
      runId: m.runId,
      aliases: aliases.filter((a) => a.version === version).map((a) => a.alias),
    });
  }
  if (rows.length === 0)
    throw new CliError(`model ${model} has no versions in ${registry.storage.uri}`, 3);
  if (o.json) return printJson(rows);
  printTable(
    ['VERSION', 'CREATED', 'FORMAT', 'AP', 'AP50', 'RUN', 'ALIASES'],
    rows.map((r) => [
      String(r.version),
      r.createdAt,
      r.format,
      num(r.metrics.AP),
      num(r.metrics.AP50),
      r.runId ?? '-',
      r.aliases.join(', ') || '-',
    ]),
  );
}

async function show(model: string, ref: string | undefined, o: Common): Promise<void> {
  const registry = openRegistry(o.registry);
  const meta = await registry.getMetadata(model, await versionOf(registry, model, ref));
  if (o.json) return printJson(meta);
  const lines = [
    `model      ${meta.name} version ${meta.version} (${meta.format}, entry ${meta.entry})`,
    `created    ${meta.createdAt}`,
    `inputs     ${meta.signature.inputs.map((t) => `${t.name} ${t.dtype}[${t.shape.map((d) => d ?? '?').join(',')}]`).join('; ')}`,
    `outputs    ${meta.signature.outputs.map((t) => `${t.name} ${t.dtype}[${t.shape.map((d) => d ?? '?').join(',')}]`).join('; ')}`,
    `labels     ${meta.processing.labels.length} classes`,
    `metrics    ${
      Object.entries(meta.metrics ?? {})
        .map(([k, v]) => `${k}=${v.toFixed(4)}`)
        .join(' ') || '-'
    }`,
    `dataset    ${meta.dataset ? `${meta.dataset.name}@${meta.dataset.version} ${meta.dataset.fingerprint}` : '-'}`,
    `parent     ${meta.parentVersion ? `${meta.parentVersion.name}@${meta.parentVersion.version}` : '-'}`,
    `run        ${meta.runId ?? '-'}   code ${meta.codeRevision ?? '-'}`,
    `files      ${Object.entries(meta.files)
      .map(([f, d]) => `${f} (${d.size} B)`)
      .join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function promote(
  model: string,
  version: string,
  o: Common & { to: string; expect?: string },
): Promise<void> {
  const registry = openRegistry(o.registry);
  const expectedVersion =
    o.expect === undefined
      ? undefined
      : o.expect === 'none'
        ? null
        : positiveInt('--expect', o.expect);
  const record = await registry.setAlias(model, o.to, positiveInt('version', version), {
    expectedVersion,
  });
  if (o.json) return printJson(record);
  process.stdout.write(
    `${model}: ${o.to} -> version ${record.version}${record.history[0] ? ` (was ${record.history[0].version})` : ''}\n`,
  );
}

async function rollback(model: string, o: Common & { alias: string }): Promise<void> {
  const result = await openRegistry(o.registry).rollback(model, o.alias);
  if (o.json) return printJson({ model, alias: o.alias, ...result });
  process.stdout.write(
    `${model}: ${o.alias} rolled back from version ${result.from} to ${result.to}\n`,
  );
}

async function diff(model: string, a: string, b: string, o: Common): Promise<void> {
  const registry = openRegistry(o.registry);
  const d = await registry.diff(
    { name: model, version: await versionOf(registry, model, a) },
    { name: model, version: await versionOf(registry, model, b) },
  );
  if (o.json) return printJson(d);
  process.stdout.write(`${model}: version ${d.a.version} -> ${d.b.version}\n\nmetrics\n`);
  printTable(
    ['METRIC', `v${d.a.version}`, `v${d.b.version}`, 'DELTA'],
    [...d.metrics, ...d.perClassAP.map((m) => ({ ...m, metric: `AP[${m.metric}]` }))].map((m) => [
      m.metric,
      num(m.a, 4),
      num(m.b, 4),
      m.delta === undefined ? '-' : `${m.delta >= 0 ? '+' : ''}${m.delta.toFixed(4)}`,
    ]),
  );
  process.stdout.write('\nlineage\n');
  printTable(
    ['FIELD', `v${d.a.version}`, `v${d.b.version}`, ''],
    d.lineage.map((l) => [l.field, l.a ?? '-', l.b ?? '-', l.changed ? 'changed' : '']),
  );
}

async function importModel(
  dir: string,
  o: Common & { name: string; metadata?: string },
): Promise<void> {
  validateName('--name', o.name);
  const metadataFile = o.metadata ?? path.join(dir, 'metadata.json');
  const raw = (await readJsonFile(
    metadataFile,
    o.metadata ? '--metadata' : 'metadata.json',
  )) as Record<string, unknown>;
  // What the registry assigns itself is dropped, so an exported version re-imports cleanly.
  const metadata = Object.fromEntries(
    Object.entries(raw).filter(([k]) => !['version', 'createdAt', 'files', 'name'].includes(k)),
  );
  for (const key of ['format', 'entry', 'signature', 'processing'])
    if (metadata[key] === undefined)
      throw new CliError(`${metadataFile}: missing required field "${key}"`, 2);
  const files = await readDirFiles(dir, 'dir', new Set(['metadata.json', 'COMMITTED', 'CLAIMED']));
  const version = await openRegistry(o.registry).publish(
    o.name,
    files,
    metadata as unknown as ModelMetadataInput,
  );
  if (o.json) return printJson({ name: o.name, version });
  process.stdout.write(
    `imported ${o.name} version ${version} (${Object.keys(files).length} files)\n`,
  );
}

async function gc(o: Common & { grace: string; keep?: string }): Promise<void> {
  const registry = openRegistry(o.registry);
  const report = await registry.gc({ graceMs: durationMs('--grace', o.grace) });
  const retention: Record<string, number[]> = {};
  if (o.keep !== undefined) {
    const keep = positiveInt('--keep', o.keep);
    for (const name of await registry.listModels())
      retention[name] = await registry.applyRetention(name, keep);
  }
  if (o.json) return printJson({ ...report, retention });
  process.stdout.write(
    `gc: removed ${report.stagingUploadsRemoved.length} abandoned uploads and ${report.uncommittedVersionsRemoved.length} uncommitted versions (${report.objectsDeleted} objects)\n`,
  );
  for (const [name, deleted] of Object.entries(retention))
    if (deleted.length > 0)
      process.stdout.write(`retention: ${name} deleted versions ${deleted.join(', ')}\n`);
}

export function registerRegistry(program: Command): void {
  const cmd = program.command('registry').description('inspect and manage the model registry');
  const common = (c: Command) =>
    c
      .option(
        '--registry <uri>',
        'registry location: file:///path or s3://bucket/prefix (default: MLOPS_REGISTRY_URI or .data/registry)',
      )
      .option('--json', 'print JSON for scripts');
  common(
    cmd.command('list [model]').description('list models, or the versions of one model'),
  ).action(mapped(list));
  common(
    cmd
      .command('show <model> [version]')
      .description('show a version (number or alias; default latest)'),
  ).action(mapped(show));
  common(cmd.command('promote <model> <version>').description('point an alias at a version'))
    .requiredOption('--to <alias>', 'alias to move (production, staging, canary, …)')
    .option(
      '--expect <version>',
      "only if the alias currently points at this version ('none' = unset)",
    )
    .action(mapped(promote));
  common(cmd.command('rollback <model>').description('move an alias back to its previous version'))
    .option('--alias <alias>', 'alias to roll back', 'production')
    .action(mapped(rollback));
  common(
    cmd
      .command('diff <model> <a> <b>')
      .description('compare metrics and lineage of two versions or aliases'),
  ).action(mapped(diff));
  common(
    cmd
      .command('import <dir>')
      .description('publish a model directory (metadata.json or --metadata) as a new version'),
  )
    .requiredOption('--name <model>', 'model name')
    .option('--metadata <file>', 'metadata JSON (format, entry, signature, processing, …)')
    .action(mapped(importModel));
  common(cmd.command('gc').description('remove abandoned uploads; with --keep, apply retention'))
    .option('--grace <duration>', 'keep leftovers younger than this', '1h')
    .option('--keep <n>', 'keep the n latest versions of each model plus every aliased one')
    .action(mapped(gc));
}

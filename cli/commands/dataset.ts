// `mlops dataset list | show | import`: versioned COCO datasets in storage (--datasets or
// MLOPS_DATASETS_URI, default .data/datasets). `import` reads a directory laid out as
// annotations/<split>.json + images/<file_name> (what `mlops dataset synth` writes).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { CocoDataset } from '../../core/datasets/coco';
import { validateName } from '../../core/storage/keys';
import { CliError } from '../errors';
import { printJson, printTable } from '../format/table';
import { mapped, positiveInt } from '../registry/errors';
import { openDatasets } from '../registry/location';
import { readDirFiles, readJsonFile } from '../registry/read-dir';

interface Common {
  datasets?: string;
  json?: boolean;
}

async function list(name: string | undefined, o: Common): Promise<void> {
  const datasets = openDatasets(o.datasets);
  const names =
    name === undefined ? await datasets.listDatasets() : [validateName('dataset', name)];
  const rows = [];
  for (const n of names) {
    const versions =
      name === undefined
        ? [...(await datasets.listVersions(n))].slice(-1)
        : await datasets.listVersions(n);
    for (const v of versions)
      rows.push({
        ...(await datasets.getDataset(n, v)),
        versionCount: (await datasets.listVersions(n)).length,
      });
  }
  if (name !== undefined && rows.length === 0)
    throw new CliError(`dataset ${name} has no versions`, 3);
  if (o.json) return printJson(rows.map(({ files: _files, ...r }) => r));
  printTable(
    ['DATASET', 'VERSION', 'CREATED', 'SPLITS', 'CLASSES', 'FINGERPRINT'],
    rows.map((r) => [
      r.name,
      name === undefined ? `${r.version} (of ${r.versionCount})` : String(r.version),
      r.createdAt,
      Object.entries(r.splits)
        .map(([s, c]) => `${s}:${c.images}/${c.annotations}`)
        .join(' '),
      String(r.categories.length),
      r.fingerprint.slice(0, 23),
    ]),
  );
}

async function show(name: string, version: string | undefined, o: Common): Promise<void> {
  const manifest = await openDatasets(o.datasets).getDataset(
    name,
    version === undefined ? undefined : positiveInt('version', version),
  );
  if (o.json) return printJson(manifest);
  const lines = [
    `dataset      ${manifest.name} version ${manifest.version}`,
    `created      ${manifest.createdAt}`,
    `fingerprint  ${manifest.fingerprint}`,
    `classes      ${manifest.categories.map((c) => c.name).join(', ')}`,
    ...Object.entries(manifest.splits).map(
      ([s, c]) => `split        ${s}: ${c.images} images, ${c.annotations} boxes`,
    ),
    `files        ${Object.keys(manifest.files).length}`,
  ];
  if (manifest.description) lines.push(`description  ${manifest.description}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function importDataset(
  dir: string,
  o: Common & { name: string; description?: string },
): Promise<void> {
  validateName('--name', o.name);
  const annotationsDir = path.join(dir, 'annotations');
  const entries = await fs.readdir(annotationsDir).catch(() => undefined);
  if (!entries)
    throw new CliError(
      `dir: ${dir} has no annotations/ folder (expected annotations/<split>.json)`,
      2,
    );
  const splits: Record<string, CocoDataset> = {};
  for (const file of entries.filter((e) => e.endsWith('.json')).sort())
    splits[file.replace(/\.json$/, '')] = (await readJsonFile(
      path.join(annotationsDir, file),
      `annotations/${file}`,
    )) as CocoDataset;
  const images = await readDirFiles(path.join(dir, 'images'), 'dir/images');
  const manifest = await openDatasets(o.datasets).publishDataset(o.name, {
    splits,
    images,
    description: o.description,
    source: path.resolve(dir),
  });
  if (o.json)
    return printJson({
      name: manifest.name,
      version: manifest.version,
      fingerprint: manifest.fingerprint,
    });
  process.stdout.write(
    `imported ${manifest.name} version ${manifest.version} (${manifest.fingerprint})\n`,
  );
}

export function registerDataset(program: Command): void {
  const cmd = program.command('dataset').description('versioned COCO datasets in storage');
  const common = (c: Command) =>
    c
      .option(
        '--datasets <uri>',
        'dataset store: file:///path or s3://bucket/prefix (default: MLOPS_DATASETS_URI or .data/datasets)',
      )
      .option('--json', 'print JSON for scripts');
  common(
    cmd
      .command('list [name]')
      .description('list datasets (latest version), or every version of one'),
  ).action(mapped(list));
  common(
    cmd.command('show <name> [version]').description('show a version manifest (default latest)'),
  ).action(mapped(show));
  common(
    cmd
      .command('import <dir>')
      .description('publish annotations/<split>.json + images/ as a new version'),
  )
    .requiredOption('--name <dataset>', 'dataset name')
    .option('--description <text>', 'free-text description')
    .action(mapped(importDataset));
}

// The model section of the report: which version the change deploys and how its held-out metrics
// and lineage compare with the version it replaces.
import { readFileSync } from 'node:fs';
import type { ModelMetadata } from '../../core/registry/types';

type ModelSummary = Pick<ModelMetadata, 'name' | 'version'> &
  Partial<
    Pick<
      ModelMetadata,
      'metrics' | 'perClassAP' | 'dataset' | 'runId' | 'codeRevision' | 'parentVersion'
    >
  >;

export function readModel(path: string): ModelSummary {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Partial<ModelSummary>;
  if (typeof json.name !== 'string' || typeof json.version !== 'number') {
    throw new Error(`${path}: not a model metadata.json (needs "name" and numeric "version")`);
  }
  return json as ModelSummary;
}

const fmt = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(3));
function delta(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined) return '–';
  const d = b - a;
  return `${d >= 0 ? '+' : ''}${d.toFixed(3)}${d > 0 ? ' ▲' : d < 0 ? ' ▼' : ''}`;
}

export function renderModelSection(base: ModelSummary | undefined, head: ModelSummary): string {
  const lines = [
    `### Model \`${head.name}\``,
    '',
    base
      ? `Version **${base.version} → ${head.version}**`
      : `Version **${head.version}** (no previous version to compare)`,
    '',
  ];
  const keys = [
    ...new Set([...Object.keys(base?.metrics ?? {}), ...Object.keys(head.metrics ?? {})]),
  ].sort();
  if (keys.length > 0) {
    lines.push('| metric | base | head | Δ |', '| --- | ---: | ---: | ---: |');
    for (const k of keys) {
      lines.push(
        `| ${k} | ${fmt(base?.metrics?.[k])} | ${fmt(head.metrics?.[k])} | ${delta(base?.metrics?.[k], head.metrics?.[k])} |`,
      );
    }
    lines.push('');
  }
  const classes = Object.keys(head.perClassAP ?? {}).sort();
  const regressions = classes.filter(
    (c) => (head.perClassAP?.[c] ?? 0) < (base?.perClassAP?.[c] ?? -1),
  );
  if (regressions.length > 0) {
    lines.push(
      `Per-class AP regressions: ${regressions.map((c) => `\`${c}\` ${delta(base?.perClassAP?.[c], head.perClassAP?.[c])}`).join(', ')}`,
      '',
    );
  }
  const lineage = [
    head.dataset &&
      `dataset \`${head.dataset.name}\` v${head.dataset.version} (\`${head.dataset.fingerprint.slice(0, 12)}\`)`,
    head.parentVersion && `parent v${head.parentVersion.version}`,
    head.runId && `run \`${head.runId}\``,
    head.codeRevision && `code \`${head.codeRevision.slice(0, 12)}\``,
  ].filter(Boolean);
  if (lineage.length > 0) lines.push(`Lineage: ${lineage.join(' · ')}`, '');
  return lines.join('\n');
}

// Compares two model versions' metrics and lineage (what `mlops registry diff` and the PR
// preview report show): metric deltas, per-class AP deltas, and which lineage fields changed.
import type { ModelMetadata } from './types';

export interface MetricDelta {
  readonly metric: string;
  readonly a?: number;
  readonly b?: number;
  /** b - a when both exist. */
  readonly delta?: number;
}

export interface LineageChange {
  readonly field: string;
  readonly a?: string;
  readonly b?: string;
  readonly changed: boolean;
}

export interface ModelDiff {
  readonly a: { readonly name: string; readonly version: number };
  readonly b: { readonly name: string; readonly version: number };
  readonly metrics: MetricDelta[];
  readonly perClassAP: MetricDelta[];
  readonly lineage: LineageChange[];
}

export function diffModels(a: ModelMetadata, b: ModelMetadata): ModelDiff {
  return {
    a: { name: a.name, version: a.version },
    b: { name: b.name, version: b.version },
    metrics: diffNumbers(a.metrics, b.metrics),
    perClassAP: diffNumbers(a.perClassAP, b.perClassAP),
    lineage: lineageFields(a, b),
  };
}

function diffNumbers(
  a: Readonly<Record<string, number>> = {},
  b: Readonly<Record<string, number>> = {},
): MetricDelta[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.map((metric) => ({
    metric,
    a: a[metric],
    b: b[metric],
    delta: a[metric] !== undefined && b[metric] !== undefined ? b[metric] - a[metric] : undefined,
  }));
}

function lineageFields(a: ModelMetadata, b: ModelMetadata): LineageChange[] {
  const fields: [string, (m: ModelMetadata) => string | undefined][] = [
    ['format', (m) => m.format],
    ['createdAt', (m) => m.createdAt],
    ['dataset', (m) => m.dataset && `${m.dataset.name}@${m.dataset.version}`],
    ['datasetFingerprint', (m) => m.dataset?.fingerprint],
    [
      'parentVersion',
      (m) => m.parentVersion && `${m.parentVersion.name}@${m.parentVersion.version}`,
    ],
    ['runId', (m) => m.runId],
    ['codeRevision', (m) => m.codeRevision],
  ];
  const params = new Set([
    ...Object.keys(a.trainingParams ?? {}),
    ...Object.keys(b.trainingParams ?? {}),
  ]);
  for (const p of [...params].sort())
    fields.push([`trainingParams.${p}`, (m) => stringify(m.trainingParams?.[p])]);
  return fields.map(([field, get]) => {
    const va = get(a);
    const vb = get(b);
    return { field, a: va, b: vb, changed: va !== vb };
  });
}

function stringify(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

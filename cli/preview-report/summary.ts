// Turns preview steps into the report's summary: change counts per resource type and operation,
// the list of changed resources, and the policy results found in the diagnostics.
import { stepType, splitUrn, UNCHANGED_OPS, type Preview } from './preview-json';

export const OPS = ['create', 'update', 'replace', 'delete'] as const;
export type Op = (typeof OPS)[number];

/** Pulumi spells replacements several ways (create-replacement, delete-replaced, replace). */
export function normalizeOp(op: string): Op | 'other' {
  if (op === 'create' || op === 'update' || op === 'delete') return op;
  if (op.includes('replace')) return 'replace';
  return 'other';
}

export interface TypeRow {
  readonly type: string;
  readonly counts: Record<Op, number>;
}

export interface ChangedResource {
  readonly op: Op;
  readonly type: string;
  readonly name: string;
  readonly reasons: readonly string[];
}

export interface PolicyResult {
  readonly level: 'mandatory' | 'advisory' | 'remediate' | 'unknown';
  readonly message: string;
  readonly resource?: string;
}

type Summary = { rows: TypeRow[]; changed: ChangedResource[] };
// The renderer re-assembles the report while fitting it to the limit: summarise each preview once.
const summaries = new WeakMap<Preview, Summary>();

export function summarize(preview: Preview): Summary {
  const cached = summaries.get(preview);
  if (cached) return cached;
  const summary = computeSummary(preview);
  summaries.set(preview, summary);
  return summary;
}

function computeSummary(preview: Preview): Summary {
  const byType = new Map<string, Record<Op, number>>();
  const changed: ChangedResource[] = [];
  const seenReplace = new Set<string>();
  for (const s of preview.steps) {
    if (UNCHANGED_OPS.has(s.op)) continue;
    const op = normalizeOp(s.op);
    if (op === 'other') continue;
    // A replacement shows up as two or three steps for one URN: count it once.
    if (op === 'replace') {
      if (seenReplace.has(s.urn)) continue;
      seenReplace.add(s.urn);
    }
    const type = stepType(s);
    const counts = byType.get(type) ?? { create: 0, update: 0, replace: 0, delete: 0 };
    counts[op] += 1;
    byType.set(type, counts);
    changed.push({
      op,
      type,
      name: splitUrn(s.urn).name,
      reasons: [...(s.replaceReasons ?? s.diffReasons ?? [])],
    });
  }
  const rows = [...byType.entries()]
    .map(([type, counts]) => ({ type, counts }))
    .sort((a, b) => a.type.localeCompare(b.type));
  return { rows, changed };
}

const POLICY_LINE = /\[(mandatory|advisory|remediate)\]\s*(.*)/;

export function policyResults(preview: Preview): PolicyResult[] {
  return preview.diagnostics
    .filter((d) => POLICY_LINE.test(d.message) || /polic(y|ies)/i.test(d.message))
    .filter((d) => !/^(Total registered|Selected|Remaining)/.test(d.message))
    .map((d) => {
      const m = POLICY_LINE.exec(d.message);
      return {
        level: (m?.[1] as PolicyResult['level'] | undefined) ?? 'unknown',
        message: (m?.[2] ?? d.message).trim(),
        ...(d.urn ? { resource: splitUrn(d.urn).name } : {}),
      };
    });
}

export function errorsIn(preview: Preview): string[] {
  return preview.diagnostics
    .filter((d) => d.severity.startsWith('error'))
    .map((d) => d.message.trim());
}

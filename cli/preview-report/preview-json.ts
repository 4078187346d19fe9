// The parts of `pulumi preview --json` the report reads, parsed defensively: a preview from a
// newer or older CLI may add fields, and a bad file must fail with a message naming it.
import { z } from 'zod';

const step = z.looseObject({
  op: z.string(),
  urn: z.string(),
  newState: z.looseObject({ type: z.string().optional() }).optional(),
  oldState: z.looseObject({ type: z.string().optional() }).optional(),
  diffReasons: z.array(z.string()).optional(),
  replaceReasons: z.array(z.string()).optional(),
  detailedDiff: z.record(z.string(), z.unknown()).nullable().optional(),
});

const diagnostic = z.looseObject({
  message: z.string(),
  severity: z.string(),
  urn: z.string().optional(),
});

export const previewSchema = z.looseObject({
  steps: z.array(step).default([]),
  changeSummary: z.record(z.string(), z.number()).default({}),
  diagnostics: z.array(diagnostic).default([]),
});

export type Preview = z.infer<typeof previewSchema>;
export type PreviewStep = z.infer<typeof step>;

export function parsePreview(text: string, source: string): Preview {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${source}: not JSON (${(error as Error).message}); expected \`pulumi preview --json\` output`,
    );
  }
  const parsed = previewSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Resource type and name from a URN: urn:pulumi:<stack>::<project>::<type chain>::<name>. */
export function splitUrn(urn: string): { type: string; name: string } {
  const parts = urn.split('::');
  const typeChain = parts[2] ?? 'unknown';
  return { type: typeChain.split('$').pop() ?? typeChain, name: parts.slice(3).join('::') || urn };
}

export function stepType(s: PreviewStep): string {
  return s.newState?.type ?? s.oldState?.type ?? splitUrn(s.urn).type;
}

/** Operations that change nothing are left out of tables and counts of changes. */
export const UNCHANGED_OPS = new Set(['same', 'read', 'refresh']);

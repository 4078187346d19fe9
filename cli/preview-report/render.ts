// Assembles the PR comment and keeps it under GitHub's 65,536-character limit by shortening the
// least important sections first (manifest diffs, then resource lists), saying what it cut.
import type { ManifestDiff } from './manifests';
import type { Preview } from './preview-json';
import { errorsIn, OPS, policyResults, summarize, type ChangedResource } from './summary';

export const GITHUB_COMMENT_LIMIT = 65_536;
/** Lets the workflow find its own comment and update it in place. */
export const REPORT_MARKER = '<!-- mlops-stack:preview-report -->';

export interface ReportInput {
  readonly stacks: readonly { readonly stack: string; readonly preview: Preview }[];
  readonly manifestDiffs?: readonly ManifestDiff[];
  /** Pre-rendered model section (models.ts). */
  readonly modelSection?: string;
  readonly limit?: number;
}

interface Budget {
  diffLines: number;
  diffsKept: number;
  changedPerStack: number;
}

const ICON = { create: '+', update: '~', replace: '±', delete: '-' } as const;

function stackSection(stack: string, preview: Preview, budget: Budget): string {
  const { rows, changed } = summarize(preview);
  const out = [`### Stack \`${stack}\``, ''];
  const errors = errorsIn(preview);
  if (errors.length > 0)
    out.push('**Preview failed:**', ...errors.map((e) => `> ${e.split('\n')[0]}`), '');
  if (rows.length === 0) out.push('No changes.', '');
  else {
    out.push(
      `| resource type | ${OPS.join(' | ')} |`,
      `| --- | ${OPS.map(() => '---:').join(' | ')} |`,
    );
    for (const r of rows)
      out.push(`| \`${r.type}\` | ${OPS.map((op) => r.counts[op] || '').join(' | ')} |`);
    const totals = OPS.map((op) => rows.reduce((s, r) => s + r.counts[op], 0));
    out.push(`| **total** | ${totals.map((t) => `**${t}**`).join(' | ')} |`, '');
  }
  const policies = policyResults(preview);
  out.push(
    policies.length === 0
      ? 'Policies: ✅ no violations'
      : `Policies: ${policies.map((p) => `\n- **${p.level}** ${p.message}${p.resource ? ` (\`${p.resource}\`)` : ''}`).join('')}`,
    '',
  );
  if (changed.length > 0) out.push(changedList(changed, budget.changedPerStack), '');
  return out.join('\n');
}

function changedList(changed: readonly ChangedResource[], max: number): string {
  const shown = changed.slice(0, max);
  const lines = shown.map(
    (c) =>
      `${ICON[c.op]} ${c.type} ${c.name}${c.reasons.length ? ` (${c.reasons.join(', ')})` : ''}`,
  );
  if (changed.length > shown.length) lines.push(`… ${changed.length - shown.length} more`);
  return `<details><summary>${changed.length} changed resource(s)</summary>\n\n\`\`\`diff\n${lines.join('\n')}\n\`\`\`\n</details>`;
}

function diffSection(diffs: readonly ManifestDiff[], budget: Budget): string {
  if (diffs.length === 0) return '';
  const parts = diffs.slice(0, budget.diffsKept).map((d) => {
    const lines = d.patch.split('\n');
    const body = lines.slice(0, budget.diffLines).join('\n');
    const more =
      lines.length > budget.diffLines ? `\n… ${lines.length - budget.diffLines} more lines` : '';
    return `<details><summary>${d.change}: ${d.id}</summary>\n\n\`\`\`diff\n${body}${more}\n\`\`\`\n</details>`;
  });
  return ['### Manifest diffs', '', ...parts].join('\n');
}

function assemble(input: ReportInput, budget: Budget, cut: readonly string[]): string {
  const diffs = input.manifestDiffs ?? [];
  return [
    REPORT_MARKER,
    '## mlops-stack preview',
    '',
    ...input.stacks.map((s) => stackSection(s.stack, s.preview, budget)),
    input.modelSection ?? '',
    diffSection(diffs, budget),
    cut.length > 0 ? `\n_Shortened to fit GitHub's comment limit: ${cut.join('; ')}._` : '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

export function renderReport(input: ReportInput): { markdown: string; cut: string[] } {
  const limit = input.limit ?? GITHUB_COMMENT_LIMIT;
  const diffs = input.manifestDiffs ?? [];
  const maxChanged = Math.max(0, ...input.stacks.map((s) => summarize(s.preview).changed.length));
  const budget: Budget = {
    diffLines: Infinity,
    diffsKept: diffs.length,
    changedPerStack: maxChanged,
  };
  const cut: string[] = [];
  const fits = () => assemble(input, budget, cut.length ? cut : ['…']).length <= limit;
  // 1. shorten each manifest diff, 2. drop whole diffs, 3. shorten resource lists.
  for (const lines of [200, 60, 20]) {
    if (fits()) break;
    budget.diffLines = lines;
  }
  if (budget.diffLines !== Infinity)
    cut.push(`manifest diffs truncated to ${budget.diffLines} lines each`);
  while (!fits() && budget.diffsKept > 0) budget.diffsKept -= 1;
  if (budget.diffsKept < diffs.length)
    cut.push(`${diffs.length - budget.diffsKept} of ${diffs.length} manifest diffs omitted`);
  while (!fits() && budget.changedPerStack > 10)
    budget.changedPerStack = Math.floor(budget.changedPerStack / 2);
  if (budget.changedPerStack < maxChanged)
    cut.push(`resource lists cut to ${budget.changedPerStack} entries`);
  let markdown = assemble(input, budget, cut);
  if (markdown.length > limit) {
    const note = '\n\n_Report truncated: even the summaries exceed the limit._';
    markdown = markdown.slice(0, limit - note.length) + note;
    cut.push('summaries truncated');
  }
  return { markdown, cut };
}

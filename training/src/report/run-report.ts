// The run report stored with a model version: Markdown with the COCO summary, per-class AP and
// PR-curve SVGs next to it (report.md + pr-iou50.svg + pr-iou75.svg).
import type { EvalResult } from '../eval/types';
import { prCurvesSvg } from './pr-curve-svg';

export interface ReportContext {
  readonly model: string;
  readonly version?: number;
  readonly runId: string;
  readonly dataset: string;
  readonly split: string;
  /** Free-form facts shown as a table (training time, images/s, gate decision, …). */
  readonly facts?: Readonly<Record<string, string | number>>;
}

/** Files of the report, keyed by file name. */
export type ReportFiles = Readonly<Record<string, string>>;

const fmt = (v: number): string => (v < 0 ? 'n/a' : v.toFixed(3));

export function buildRunReport(ctx: ReportContext, result: EvalResult): ReportFiles {
  const s = result.summary;
  const curves = (which: 'curve50' | 'curve75') =>
    result.perClass.map((c) => ({
      label: `${c.name} (${fmt(c[which === 'curve50' ? 'ap50' : 'ap75'])})`,
      curve: c[which],
    }));
  const title = `${ctx.model}${ctx.version === undefined ? '' : ` v${ctx.version}`}`;
  const lines = [
    `# Training run ${ctx.runId}: ${title}`,
    '',
    `Evaluated on \`${ctx.dataset}\` split \`${ctx.split}\`: ${result.images} images, ${result.detections} detections (COCO protocol, maxDets ${result.params.maxDets}, 101-point interpolation).`,
    '',
    '| metric | value |',
    '| --- | --- |',
    ...(
      [
        ['AP@[.50:.95]', s.AP],
        ['AP@.50', s.AP50],
        ['AP@.75', s.AP75],
        ['AP small', s.APsmall],
        ['AP medium', s.APmedium],
        ['AP large', s.APlarge],
        [`AR@${result.params.maxDets}`, s.AR],
      ] as const
    ).map(([k, v]) => `| ${k} | ${fmt(v)} |`),
    '',
    '## Per class',
    '',
    '| class | ground truth | AP | AP@.50 | AP@.75 |',
    '| --- | --- | --- | --- | --- |',
    ...result.perClass.map(
      (c) => `| ${c.name} | ${c.groundTruth} | ${fmt(c.ap)} | ${fmt(c.ap50)} | ${fmt(c.ap75)} |`,
    ),
    '',
    '## Precision-recall',
    '',
    '![PR curves at IoU .50](pr-iou50.svg)',
    '![PR curves at IoU .75](pr-iou75.svg)',
    '',
  ];
  if (ctx.facts && Object.keys(ctx.facts).length > 0) {
    lines.push('## Run', '', '| fact | value |', '| --- | --- |');
    for (const [k, v] of Object.entries(ctx.facts)) lines.push(`| ${k} | ${v} |`);
    lines.push('');
  }
  return {
    'report.md': lines.join('\n'),
    'pr-iou50.svg': prCurvesSvg(`${title}: precision-recall at IoU .50`, curves('curve50')),
    'pr-iou75.svg': prCurvesSvg(`${title}: precision-recall at IoU .75`, curves('curve75')),
  };
}

// The run report: Markdown names the metrics and classes; the SVGs are well-formed and draw one
// curve per class that has ground truth.
import { evaluateCoco } from '../../../training/src/eval/coco-eval';
import { buildRunReport } from '../../../training/src/report/run-report';

const result = evaluateCoco({
  imageIds: [1],
  categories: [
    { id: 1, name: 'star' },
    { id: 2, name: 'ring<&>' },
    { id: 3, name: 'absent' },
  ],
  groundTruth: [
    { imageId: 1, categoryId: 1, bbox: [0, 0, 50, 50] },
    { imageId: 1, categoryId: 2, bbox: [100, 100, 40, 40] },
  ],
  detections: [
    { imageId: 1, categoryId: 1, bbox: [0, 0, 50, 50], score: 0.9 },
    { imageId: 1, categoryId: 2, bbox: [300, 300, 40, 40], score: 0.8 },
  ],
});

describe('buildRunReport', () => {
  const files = buildRunReport(
    {
      model: 'shapes',
      version: 3,
      runId: 'run-1',
      dataset: 'synth@2',
      split: 'test',
      facts: { 'images/s': 12.5 },
    },
    result,
  );

  it('writes Markdown with the summary, per-class rows and links to the curves', () => {
    const md = files['report.md']!;
    expect(md).toContain('| AP@.50 | 0.500 |');
    expect(md).toMatch(/\| star \| 1 \| 1\.000 \|/);
    expect(md).toMatch(/\| absent \| 0 \| n\/a \|/);
    expect(md).toContain('(pr-iou50.svg)');
    expect(md).toContain('| images/s | 12.5 |');
  });

  it('draws one polyline per class with ground truth and escapes labels', () => {
    const svg = files['pr-iou50.svg']!;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('ring&lt;&amp;&gt;');
    expect(svg).not.toContain('ring<&>');
  });
});

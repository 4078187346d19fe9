// COCO evaluation on hand-computed cases: every expected number below is worked out in the
// comment beside it from the protocol (greedy matching, 101-point interpolated precision).
import { evaluateCoco, type EvaluateInput } from '../../../training/src/eval/coco-eval';
import { boxIou } from '../../../training/src/eval/iou';
import { COCO_PARAMS } from '../../../training/src/eval/params';
import type { BBox, DetectionBox, GroundTruthBox } from '../../../training/src/eval/types';

const categories = [
  { id: 1, name: 'star' },
  { id: 2, name: 'ring' },
];
const gt = (imageId: number, categoryId: number, bbox: BBox): GroundTruthBox => ({
  imageId,
  categoryId,
  bbox,
});
const dt = (imageId: number, categoryId: number, bbox: BBox, score: number): DetectionBox => ({
  imageId,
  categoryId,
  bbox,
  score,
});
const run = (groundTruth: GroundTruthBox[], detections: DetectionBox[]) =>
  evaluateCoco({ imageIds: [1, 2], categories, groundTruth, detections } as EvaluateInput);

const A: BBox = [10, 10, 100, 100];
const B: BBox = [200, 50, 60, 120];

describe('evaluateCoco', () => {
  it('scores perfect detections 1 everywhere', () => {
    const g = [gt(1, 1, A), gt(2, 2, B)];
    const r = run(
      g,
      g.map((x) => ({ ...x, score: 0.9 })),
    );
    // precision = tp / (tp + fp + eps), so "1" is 1 − 2⁻⁵² as in pycocotools.
    for (const key of ['AP', 'AP50', 'AP75', 'AR', 'APlarge'] as const)
      expect(r.summary[key]).toBeCloseTo(1, 12);
    for (const c of r.perClass) expect(c.ap).toBeCloseTo(1, 12);
  });

  it('scores no detections 0 and a class without ground truth -1 (left out of the mean)', () => {
    const r = run([gt(1, 1, A)], []);
    expect(r.summary.AP).toBe(0);
    expect(r.summary.AR).toBe(0);
    expect(r.perClass[1]!.ap).toBe(-1);
    const half = run([gt(1, 1, A), gt(2, 2, B)], [dt(2, 2, B, 0.5)]);
    expect(half.summary.AP).toBeCloseTo(0.5, 12); // class 1: 0, class 2: 1
  });

  it('credits a shifted box only at the IoU thresholds it clears', () => {
    // Shift by 10 px: intersection 90×100, union 20000 − 9000 → IoU 0.818: passes .50….80
    // (7 of 10 thresholds), fails .85, .90, .95.
    const shifted: BBox = [20, 10, 100, 100];
    expect(boxIou(A, shifted)).toBeCloseTo(9000 / 11000, 12);
    const r = run([gt(1, 1, A)], [dt(1, 1, shifted, 0.7)]);
    expect(r.summary.AP50).toBeCloseTo(1, 12);
    expect(r.summary.AP75).toBeCloseTo(1, 12);
    expect(r.summary.AP).toBeCloseTo(0.7, 12);
  });

  it('counts a duplicate detection as a false positive', () => {
    // Two gts; ranked TP, FP (duplicate of the first), TP → recall .5 .5 1, precision 1 .5 .667;
    // monotone precision 1, .667, .667: recall points 0….50 (51) read 1, .51…1 (50) read 2/3.
    const g = [gt(1, 1, A), gt(2, 1, B)];
    const d = [dt(1, 1, A, 0.9), dt(1, 1, A, 0.8), dt(2, 1, B, 0.7)];
    const r = run(g, d);
    expect(r.summary.AP50).toBeCloseTo((51 + (50 * 2) / 3) / 101, 12);
    // A duplicate ranked below every true positive costs nothing.
    const late = run(g, [dt(1, 1, A, 0.9), dt(2, 1, B, 0.8), dt(1, 1, A, 0.1)]);
    expect(late.summary.AP50).toBeCloseTo(1, 12);
  });

  it('ranks detections across images by score', () => {
    // A false positive on image 2 outranks the only true positive: precision .5 at recall 1.
    const r = run([gt(1, 1, A)], [dt(2, 1, B, 0.95), dt(1, 1, A, 0.9)]);
    expect(r.summary.AP).toBeCloseTo(0.5, 12);
  });

  it('treats the right box with the wrong class as a miss plus a false positive', () => {
    const r = run([gt(1, 1, A)], [dt(1, 2, A, 0.9)]);
    expect(r.perClass[0]!.ap).toBe(0); // star missed
    expect(r.perClass[1]!.ap).toBe(-1); // ring has no ground truth: undefined, not 0
    expect(r.summary.AP).toBe(0);
  });

  it('splits by object size and ignores boxes outside each range', () => {
    const small: BBox = [0, 0, 20, 20]; // 400 px² < 32²
    const large: BBox = [100, 100, 200, 200]; // 40000 px² > 96²
    const r = run([gt(1, 1, small), gt(1, 1, large)], [dt(1, 1, large, 0.9)]);
    expect(r.summary.APsmall).toBe(0);
    expect(r.summary.APlarge).toBeCloseTo(1, 12); // the small box is ignored in the large slice
    expect(r.summary.APmedium).toBe(-1); // no medium ground truth
    // In 'all' one of two found at precision 1: recall points 0….5 → 51/101.
    expect(r.summary.AP).toBeCloseTo(51 / 101, 12);
  });

  it('keeps only the maxDets highest-scoring detections per image and class', () => {
    const noise = Array.from({ length: COCO_PARAMS.maxDets }, (_, i) =>
      dt(1, 1, [500 + i, 500, 10, 10], 0.99),
    );
    const r = run([gt(1, 1, A)], [...noise, dt(1, 1, A, 0.5)]);
    expect(r.summary.AP).toBe(0);
    const fewer = run([gt(1, 1, A)], [...noise.slice(1), dt(1, 1, A, 0.5)]);
    expect(fewer.summary.AP).toBeGreaterThan(0);
  });

  it('gives each ground-truth box to the best-overlapping detection only once', () => {
    // One detection overlapping two gts takes the higher-IoU one; the other gt stays missed.
    const g1: BBox = [0, 0, 100, 100];
    const g2: BBox = [30, 0, 100, 100];
    const d: BBox = [25, 0, 100, 100]; // IoU .6 with g1 (75/125), .9 with g2 (95/105)
    const r = run([gt(1, 1, g1), gt(1, 1, g2)], [dt(1, 1, d, 0.9)]);
    expect(r.summary.AR).toBeGreaterThan(0);
    // At IoU .5 recall .5 with precision 1 → 51/101.
    expect(r.summary.AP50).toBeCloseTo(51 / 101, 12);
  });

  it('rejects boxes naming unknown images or classes', () => {
    expect(() => run([gt(9, 1, A)], [])).toThrow(/groundTruth\[0\]\.imageId 9/);
    expect(() => run([], [dt(1, 7, A, 0.5)])).toThrow(/detections\[0\]\.categoryId 7/);
    expect(() => run([], [dt(1, 1, [0, 0, -1, 4], 0.5)])).toThrow(/bbox/);
  });
});

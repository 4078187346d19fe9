// Greedy matching of one image's detections to its ground truth for one class and area range,
// following pycocotools' evaluateImg (crowd-free): detections in descending score order take the
// best still-unmatched box with IoU ≥ threshold; boxes outside the area range are "ignored" —
// matching one neither helps nor hurts, and unmatched detections outside the range are dropped.
import { boxIou } from './iou';
import type { DetectionBox, GroundTruthBox } from './types';

export interface ImageMatch {
  /** Scores of the kept detections, descending. */
  readonly scores: number[];
  /** matched[t][d]: detection d is a match at IoU threshold t. */
  readonly matched: boolean[][];
  /** ignored[t][d]: detection d does not count at threshold t (ignored box or out of range). */
  readonly ignored: boolean[][];
  /** How many ground-truth boxes count (are not ignored). */
  readonly countedGroundTruth: number;
}

const areaOf = (b: { bbox: readonly number[]; area?: number }): number =>
  b.area ?? b.bbox[2]! * b.bbox[3]!;

/** Stable sort of indices by a key (numpy's mergesort). */
function stableOrder<T>(items: readonly T[], key: (item: T) => number): number[] {
  return items
    .map((item, i) => ({ i, k: key(item) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((e) => e.i);
}

export function matchImage(
  groundTruth: readonly GroundTruthBox[],
  detections: readonly DetectionBox[],
  areaRange: readonly [number, number],
  iouThresholds: readonly number[],
  maxDets: number,
): ImageMatch | undefined {
  if (groundTruth.length === 0 && detections.length === 0) return undefined;
  const outside = (area: number): boolean => area < areaRange[0] || area > areaRange[1];
  const gtIgnoredRaw = groundTruth.map((g) => outside(areaOf(g)));
  // Counted boxes first so a detection prefers them over ignored ones.
  const gtOrder = stableOrder(gtIgnoredRaw, (ig) => (ig ? 1 : 0));
  const gts = gtOrder.map((i) => groundTruth[i]!);
  const gtIgnored = gtOrder.map((i) => gtIgnoredRaw[i]!);
  const dts = stableOrder(detections, (d) => -d.score)
    .slice(0, maxDets)
    .map((i) => detections[i]!);
  const ious = dts.map((d) => gts.map((g) => boxIou(d.bbox, g.bbox)));

  const matched: boolean[][] = [];
  const ignored: boolean[][] = [];
  for (const threshold of iouThresholds) {
    const gtTaken = new Array<boolean>(gts.length).fill(false);
    const dtMatched = new Array<boolean>(dts.length).fill(false);
    const dtIgnored = new Array<boolean>(dts.length).fill(false);
    dts.forEach((_, d) => {
      let best = Math.min(threshold, 1 - 1e-10);
      let m = -1;
      for (let g = 0; g < gts.length; g++) {
        if (gtTaken[g]) continue;
        // Already matched a counted box: ignored boxes (sorted last) cannot replace it.
        if (m > -1 && !gtIgnored[m] && gtIgnored[g]) break;
        if (ious[d]![g]! < best) continue;
        best = ious[d]![g]!;
        m = g;
      }
      if (m === -1) return;
      dtIgnored[d] = gtIgnored[m]!;
      dtMatched[d] = true;
      gtTaken[m] = true;
    });
    dts.forEach((dt, d) => {
      if (!dtMatched[d] && outside(areaOf(dt))) dtIgnored[d] = true;
    });
    matched.push(dtMatched);
    ignored.push(dtIgnored);
  }
  return {
    scores: dts.map((d) => d.score),
    matched,
    ignored,
    countedGroundTruth: gtIgnored.filter((ig) => !ig).length,
  };
}

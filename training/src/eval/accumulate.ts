// Turns per-image matches of one class into interpolated precision and final recall per IoU
// threshold, as pycocotools' accumulate: detections of all images ranked by score, cumulative
// TP/FP, precision made monotone from the right, then sampled at each recall threshold.
import type { ImageMatch } from './match-image';

export interface ClassCurves {
  /** precision[t][r]; every value -1 when the class has no counted ground truth. */
  readonly precision: number[][];
  /** recall[t] at the last detection; -1 without counted ground truth. */
  readonly recall: number[];
}

const EPS = Number.EPSILON;

export function accumulateClass(
  matches: readonly (ImageMatch | undefined)[],
  thresholdCount: number,
  recallThresholds: readonly number[],
): ClassCurves {
  const present = matches.filter((m): m is ImageMatch => m !== undefined);
  const counted = present.reduce((n, m) => n + m.countedGroundTruth, 0);
  if (counted === 0) {
    return {
      precision: Array.from({ length: thresholdCount }, () => recallThresholds.map(() => -1)),
      recall: new Array<number>(thresholdCount).fill(-1),
    };
  }
  // Concatenate images in order, then rank stably by descending score (numpy mergesort).
  const flat = present.flatMap((m, img) => m.scores.map((score, d) => ({ score, img, d })));
  const order = flat.map((e, i) => ({ ...e, i })).sort((a, b) => b.score - a.score || a.i - b.i);

  const precision: number[][] = [];
  const recall: number[] = [];
  for (let t = 0; t < thresholdCount; t++) {
    const rc: number[] = [];
    const pr: number[] = [];
    let tp = 0;
    let fp = 0;
    for (const { img, d } of order) {
      const m = present[img]!;
      if (m.ignored[t]![d]) {
        // Ignored detections still occupy a rank: the cumulative sums repeat.
      } else if (m.matched[t]![d]) tp++;
      else fp++;
      rc.push(tp / counted);
      pr.push(tp / (tp + fp + EPS));
    }
    recall.push(rc.length > 0 ? rc[rc.length - 1]! : 0);
    for (let i = pr.length - 1; i > 0; i--) if (pr[i]! > pr[i - 1]!) pr[i - 1] = pr[i]!;
    const q = recallThresholds.map(() => 0);
    for (let r = 0; r < recallThresholds.length; r++) {
      const pi = searchSortedLeft(rc, recallThresholds[r]!);
      if (pi >= pr.length) break; // pycocotools stops at the first unreachable recall
      q[r] = pr[pi]!;
    }
    precision.push(q);
  }
  return { precision, recall };
}

/** First index i with sorted[i] >= value (numpy.searchsorted side='left'). */
function searchSortedLeft(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

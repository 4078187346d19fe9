// Drift statistics shared by training (which records a baseline from its evaluation data) and
// serving (which compares live traffic against it over a sliding window). Pure functions plus one
// small windowed accumulator; no I/O.
import type { DriftSignal } from './metric-names';

/** What one served image contributes to the drift statistics. */
export interface DriftObservation {
  readonly width: number;
  readonly height: number;
  /** Mean luma of the image, 0..255. */
  readonly brightness: number;
  /** Class ids and scores of the detections returned for it. */
  readonly classIds: readonly number[];
  readonly scores: readonly number[];
}

/** Counts per bin for every signal; class_distribution has one bin per class id. */
export type DriftCounts = Record<DriftSignal, number[]>;

export interface DriftBaseline {
  readonly numClasses: number;
  readonly counts: DriftCounts;
  readonly samples: number;
}

/** Bin edges (upper bounds, last bin open) of the numeric signals. */
export const EDGES = {
  score_distribution: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  image_size: [64e3, 256e3, 512e3, 1e6, 2e6, 4e6, 8e6],
  aspect_ratio: [0.5, 0.75, 0.9, 1.1, 1.4, 1.6, 1.9, 2.5],
  brightness: [32, 64, 96, 128, 160, 192, 224],
} as const;

export function binIndex(edges: readonly number[], value: number): number {
  let i = 0;
  while (i < edges.length && value > edges[i]!) i++;
  return i;
}

export function emptyCounts(numClasses: number): DriftCounts {
  return {
    class_distribution: new Array<number>(numClasses).fill(0),
    score_distribution: new Array<number>(EDGES.score_distribution.length + 1).fill(0),
    image_size: new Array<number>(EDGES.image_size.length + 1).fill(0),
    aspect_ratio: new Array<number>(EDGES.aspect_ratio.length + 1).fill(0),
    brightness: new Array<number>(EDGES.brightness.length + 1).fill(0),
  };
}

export function addObservation(counts: DriftCounts, o: DriftObservation): void {
  counts.image_size[binIndex(EDGES.image_size, o.width * o.height)]! += 1;
  counts.aspect_ratio[binIndex(EDGES.aspect_ratio, o.width / Math.max(1, o.height))]! += 1;
  counts.brightness[binIndex(EDGES.brightness, o.brightness)]! += 1;
  for (const c of o.classIds)
    if (c >= 0 && c < counts.class_distribution.length) counts.class_distribution[c]! += 1;
  for (const s of o.scores) counts.score_distribution[binIndex(EDGES.score_distribution, s)]! += 1;
}

export function baselineFrom(
  observations: readonly DriftObservation[],
  numClasses: number,
): DriftBaseline {
  const counts = emptyCounts(numClasses);
  for (const o of observations) addObservation(counts, o);
  return { numClasses, counts, samples: observations.length };
}

function proportions(counts: readonly number[], floor: number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 1 / counts.length);
  // Empty bins are floored (then renormalised) so the log terms stay finite; additive smoothing
  // would instead bias small live windows towards uniform and inflate the index.
  const p = counts.map((c) => Math.max(c / total, floor));
  const sum = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / sum);
}

/** Population stability index: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 significant. */
export function populationStabilityIndex(
  expected: readonly number[],
  actual: readonly number[],
  epsilon = 1e-4,
): number {
  if (expected.length !== actual.length)
    throw new Error(`bin counts differ: ${expected.length} vs ${actual.length}`);
  const e = proportions(expected, epsilon);
  const a = proportions(actual, epsilon);
  return e.reduce((sum, ei, i) => sum + (a[i]! - ei) * Math.log(a[i]! / ei), 0);
}

/** Jensen–Shannon distance (base 2): 0 identical, 1 disjoint. */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  const pp = proportions(p, 1e-9);
  const qq = proportions(q, 1e-9);
  const kl = (x: number[], m: number[]) =>
    x.reduce((s, xi, i) => (xi > 0 ? s + xi * Math.log2(xi / m[i]!) : s), 0);
  const m = pp.map((pi, i) => (pi + qq[i]!) / 2);
  return Math.sqrt(Math.max(0, (kl(pp, m) + kl(qq, m)) / 2));
}

export function driftScores(
  baseline: DriftBaseline,
  live: DriftCounts,
): Record<DriftSignal, number> {
  const out = {} as Record<DriftSignal, number>;
  for (const signal of Object.keys(live) as DriftSignal[]) {
    out[signal] = populationStabilityIndex(baseline.counts[signal], live[signal]);
  }
  return out;
}

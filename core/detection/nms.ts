// Greedy, class-aware non-maximum suppression on plain arrays: a box is dropped when it overlaps
// a higher-scoring kept box of the same class by more than the IoU threshold.
import type { Box } from './letterbox';

export interface Candidate {
  readonly classId: number;
  readonly score: number;
  readonly box: Box;
}

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Returns the kept candidates, highest score first, at most `maxDetections` of them. */
export function classAwareNms<T extends Candidate>(
  candidates: readonly T[],
  iouThreshold: number,
  maxDetections: number,
): T[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const c of sorted) {
    if (kept.length >= maxDetections) break;
    const suppressed = kept.some(
      (k) => k.classId === c.classId && iou(k.box, c.box) > iouThreshold,
    );
    if (!suppressed) kept.push(c);
  }
  return kept;
}

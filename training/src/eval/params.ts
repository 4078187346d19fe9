// The COCO protocol's default parameters, as in pycocotools' Params for iouType 'bbox'.
import type { EvalParams } from './types';

/** numpy.linspace(start, stop, n) bit for bit (i * step + start, last = stop): the recall
 * thresholds are compared with exact recalls, so rounding must match pycocotools. */
export function linspace(start: number, stop: number, n: number): number[] {
  const step = (stop - start) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? stop : i * step + start));
}

export const COCO_PARAMS: EvalParams = Object.freeze({
  iouThresholds: Object.freeze(linspace(0.5, 0.95, 10)),
  recallThresholds: Object.freeze(linspace(0, 1, 101)),
  maxDets: 100,
  areaRanges: Object.freeze({
    all: [0, 1e10] as const,
    small: [0, 32 ** 2] as const,
    medium: [32 ** 2, 96 ** 2] as const,
    large: [96 ** 2, 1e10] as const,
  }),
});

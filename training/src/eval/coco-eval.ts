// COCO box evaluation (the pycocotools protocol without crowd regions): AP over IoU .50:.05:.95,
// AP@.50, AP@.75, by object size, AR@maxDets, per-class AP and PR curves. Pure: the pipeline's
// evaluate step and the gate call it on the held-out split.
import { accumulateClass, type ClassCurves } from './accumulate';
import { matchImage } from './match-image';
import { COCO_PARAMS } from './params';
import type {
  AreaRangeName,
  Category,
  ClassResult,
  DetectionBox,
  EvalParams,
  EvalResult,
  GroundTruthBox,
} from './types';

export interface EvaluateInput {
  readonly imageIds: readonly number[];
  readonly categories: readonly Category[];
  readonly groundTruth: readonly GroundTruthBox[];
  readonly detections: readonly DetectionBox[];
  readonly params?: EvalParams;
}

const AREAS: readonly AreaRangeName[] = ['all', 'small', 'medium', 'large'];

export function evaluateCoco(input: EvaluateInput): EvalResult {
  const params = input.params ?? COCO_PARAMS;
  const imageIds = [...new Set(input.imageIds)].sort((a, b) => a - b);
  const categories = [...input.categories].sort((a, b) => a.id - b.id);
  validate(input, new Set(imageIds), new Set(categories.map((c) => c.id)));
  const gtBy = groupBy(input.groundTruth);
  const dtBy = groupBy(input.detections);
  const T = params.iouThresholds.length;

  // curves[area][k]
  const curves = new Map<AreaRangeName, ClassCurves[]>();
  for (const area of AREAS) {
    curves.set(
      area,
      categories.map((c) =>
        accumulateClass(
          imageIds.map((img) =>
            matchImage(
              gtBy.get(key(img, c.id)) ?? [],
              dtBy.get(key(img, c.id)) ?? [],
              params.areaRanges[area],
              params.iouThresholds,
              params.maxDets,
            ),
          ),
          T,
          params.recallThresholds,
        ),
      ),
    );
  }
  const t50 = thresholdIndex(params, 0.5);
  const t75 = thresholdIndex(params, 0.75);
  const all = curves.get('all')!;
  const ap = (area: AreaRangeName, t?: number): number =>
    meanValid(curves.get(area)!.flatMap((c) => pick(c.precision, t).flat()));
  const ar = (area: AreaRangeName): number => meanValid(curves.get(area)!.flatMap((c) => c.recall));

  const perClass: ClassResult[] = categories.map((c, k) => {
    const p = all[k]!.precision;
    const curve = (t: number) => ({ recall: params.recallThresholds, precision: p[t]! });
    return {
      categoryId: c.id,
      name: c.name,
      groundTruth: input.groundTruth.filter((g) => g.categoryId === c.id).length,
      ap: meanValid(p.flat()),
      ap50: t50 < 0 ? -1 : meanValid(p[t50]!),
      ap75: t75 < 0 ? -1 : meanValid(p[t75]!),
      curve50: curve(Math.max(t50, 0)),
      curve75: curve(Math.max(t75, 0)),
    };
  });
  return {
    summary: {
      AP: ap('all'),
      AP50: t50 < 0 ? -1 : ap('all', t50),
      AP75: t75 < 0 ? -1 : ap('all', t75),
      APsmall: ap('small'),
      APmedium: ap('medium'),
      APlarge: ap('large'),
      AR: ar('all'),
      ARsmall: ar('small'),
      ARmedium: ar('medium'),
      ARlarge: ar('large'),
    },
    perClass,
    params,
    images: imageIds.length,
    detections: input.detections.length,
  };
}

const key = (imageId: number, categoryId: number): string => `${imageId}:${categoryId}`;

function groupBy<T extends { imageId: number; categoryId: number }>(
  items: readonly T[],
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item.imageId, item.categoryId);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function pick<T>(rows: readonly T[], t: number | undefined): T[] {
  return t === undefined ? [...rows] : [rows[t]!];
}

/** Mean of the values > -1 (pycocotools' convention); -1 when none is defined. */
export function meanValid(values: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v > -1) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? -1 : sum / n;
}

function thresholdIndex(params: EvalParams, value: number): number {
  return params.iouThresholds.findIndex((t) => Math.abs(t - value) < 1e-9);
}

function validate(input: EvaluateInput, images: Set<number>, categories: Set<number>): void {
  const check = (what: string, list: readonly (GroundTruthBox | DetectionBox)[]): void => {
    list.forEach((b, i) => {
      if (!images.has(b.imageId)) throw new Error(`${what}[${i}].imageId ${b.imageId} unknown`);
      if (!categories.has(b.categoryId))
        throw new Error(`${what}[${i}].categoryId ${b.categoryId} unknown`);
      const [x, y, w, h] = b.bbox;
      if (![x, y, w, h].every(Number.isFinite) || w < 0 || h < 0)
        throw new Error(`${what}[${i}].bbox must be finite [x, y, w ≥ 0, h ≥ 0]`);
    });
  };
  check('groundTruth', input.groundTruth);
  check('detections', input.detections);
  input.detections.forEach((d, i) => {
    if (!Number.isFinite(d.score)) throw new Error(`detections[${i}].score must be finite`);
  });
}
